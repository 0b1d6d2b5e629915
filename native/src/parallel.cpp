#include "parallel.h"

#include <ATen/Parallel.h>

#include <dlfcn.h>

#include <algorithm>

namespace cp {

namespace {

// OpenBLAS's thread controls, when it is the BLAS libtorch was built with (Debian's libtorch).
struct OpenBlasThreads {
    using Get = int (*)();
    using Set = void (*)(int);
    Get get = reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    Set set = reinterpret_cast<Set>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    bool available() const { return get != nullptr && set != nullptr; }
};

const OpenBlasThreads& openblas() {
    static const OpenBlasThreads instance;
    return instance;
}

}  // namespace

int64_t batch_chunks(int64_t batch) {
    // Without OpenBLAS (MKL in PyTorch's own builds) the BLAS's threads cannot be held at one, and chunks would each
    // start a full team: no chunks then.
    if (!openblas().available()) return 1;
    const int64_t cores = std::max<int64_t>(at::get_num_threads(), openblas().get());
    return std::max<int64_t>(1, std::min<int64_t>(batch, cores));
}

SingleThreadedBlas::SingleThreadedBlas() {
    if (openblas().available()) {
        previous_ = openblas().get();
        if (previous_ > 1) openblas().set(1);
    }
}

SingleThreadedBlas::~SingleThreadedBlas() {
    if (previous_ > 1) openblas().set(previous_);
}

}  // namespace cp
