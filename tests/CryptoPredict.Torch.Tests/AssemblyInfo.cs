// libtorch's generator, thread settings and live-tensor counter are process-wide: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
