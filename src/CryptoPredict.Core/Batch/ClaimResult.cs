namespace CryptoPredict.Core.Batch;

/// <summary>The answer of <see cref="IBatchLedger.TryClaim"/>.</summary>
public abstract record ClaimResult;

/// <summary>The unit is ours to train: complete or abandon the claim, which releases it.</summary>
public sealed record ClaimGranted(UnitClaim Claim) : ClaimResult;

/// <summary>A live worker holds the unit; <see cref="Holder"/> says who, as far as the ledger knows.</summary>
public sealed record ClaimBusy(string Holder) : ClaimResult;

/// <summary>The unit was ours for a moment, but the decision was not to train it; nothing was changed.</summary>
public sealed record ClaimDeclined(ClaimDecision Decision, LedgerEntry Entry) : ClaimResult;
