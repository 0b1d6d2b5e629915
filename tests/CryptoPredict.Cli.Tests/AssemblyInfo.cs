// Verbs share process-wide state (libtorch settings, Serilog's static logger): run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
