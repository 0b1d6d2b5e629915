// Splitting a batch across threads, for the bridge's CPU kernels (self-attention).
//
// The training thread split (TorchRuntime) gives the cores either to libtorch's intra-op pool (Intel) or to
// OpenBLAS's (AMD), never both. Element-wise passes then run on one core while the other waits, and libtorch runs
// a bmm as one small GEMM per batch item in a row. When batch items are independent (attention) the batch can
// instead be cut in contiguous chunks that run at the same time, each with its own single-threaded GEMMs. Each item then goes through the same calls as without chunks, so results do not depend on
// the number of chunks (the tests check this bit for bit).
// Tried and left out: the fused LSTM's recurrence in chunks. Its per-step GEMMs lose more on one thread each than
// the element-wise passes gain (regime b256: LSTM(128) forward + backward 66 ms against 53 ms).
#pragma once

#include "common.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace cp {

// How many chunks a batch may be cut into: the cores given to libtorch's pool or to OpenBLAS's, at most the batch;
// 1 when the BLAS is not OpenBLAS.
int64_t batch_chunks(int64_t batch);

// OpenBLAS's thread count is process-wide. With more than one thread it splits even small GEMMs, and chunks
// calling it at once then wait on each other (a bmm in two halves on two threads: 5.7 ms against 3.7 ms in one
// call). While it lives, this holds OpenBLAS to one thread; the destructor restores the count.
// Without OpenBLAS (MKL builds) it does nothing.
class SingleThreadedBlas {
public:
    SingleThreadedBlas();
    ~SingleThreadedBlas();
    SingleThreadedBlas(const SingleThreadedBlas&) = delete;
    SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;

private:
    int previous_ = 0;
};

// Runs fn(begin, end) over [0, n) in `ways` contiguous chunks (at most n), the first on the calling thread, the
// others on threads of their own, with OpenBLAS held to one thread when there is more than one chunk. Rethrows the
// first exception once every chunk has finished (the chunks write into tensors the caller owns). Chunks run without
// autograd recording. Allocate buffers before: memory malloc'd on the worker threads comes from their own malloc
// arenas, is trimmed back out of them and faulted in again, zeroed, on the next call.
template <typename F>
void for_each_chunk(int64_t n, int64_t ways, const F& fn) {
    ways = std::max<int64_t>(1, std::min(ways, n));
    if (ways == 1) {
        fn(int64_t{0}, n);
        return;
    }
    SingleThreadedBlas blas;
    std::vector<std::exception_ptr> errors(static_cast<size_t>(ways));
    auto run = [&](int64_t k) {
        try {
            // Threads start with grad mode on: nothing here may be recorded by autograd.
            at::NoGradGuard no_grad;
            fn(n * k / ways, n * (k + 1) / ways);
        } catch (...) {
            errors[static_cast<size_t>(k)] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(static_cast<size_t>(ways - 1));
    for (int64_t k = 1; k < ways; k++) {
        try {
            threads.emplace_back(run, k);
        } catch (...) {
            run(k);  // no thread to be had: that chunk runs here
        }
    }
    run(0);
    for (auto& t : threads) t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace cp
