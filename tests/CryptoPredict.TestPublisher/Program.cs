using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.TestPublisher;

// The publishing side of the bundle tests, run as its own process so that a test can kill it at a write step
// (CRYPTOPREDICT_FAULT_AT) or read bundles while it publishes.
//   synthetic RUN_DIR FIRST COUNT   publishes synthetic versions FIRST .. FIRST+COUNT-1
//   copy RUN_DIR SOURCE_RUN_DIR COUNT   republishes the bundle of SOURCE_RUN_DIR COUNT times (new creation times)
try
{
    switch (args)
    {
        case ["synthetic", var run, var first, var count]:
            var start = int.Parse(first, CultureInfo.InvariantCulture);
            for (var i = 0; i < int.Parse(count, CultureInfo.InvariantCulture); i++)
            {
                SyntheticBundle.Publish(run, start + i);
            }

            return 0;

        case ["copy", var run, var source, var count]:
            var bundle = ModelBundle.Load(source);
            for (var i = 1; i <= int.Parse(count, CultureInfo.InvariantCulture); i++)
            {
                ModelBundle.Publish(run, bundle.Description with { CreatedUtc = bundle.Description.CreatedUtc.AddSeconds(i) }, bundle.Weights);
            }

            return 0;

        default:
            await Console.Error.WriteLineAsync("usage: synthetic RUN_DIR FIRST COUNT | copy RUN_DIR SOURCE_RUN_DIR COUNT");
            return 1;
    }
}
catch (ModelBundleException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 3;
}
