// Process-wide settings and facts: versions, threads, devices, seeding and RNG state, loaded libraries.
#include "common.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <cstdlib>
#include <cstring>
#include <link.h>
#include <mutex>

namespace {

thread_local std::string text_buffer;

int32_t copy_text(const std::string& text, char* dst, int32_t capacity, int32_t* needed) {
    *needed = static_cast<int32_t>(text.size()) + 1;
    if (dst != nullptr && capacity > 0) {
        auto n = std::min<size_t>(text.size(), static_cast<size_t>(capacity - 1));
        std::memcpy(dst, text.data(), n);
        dst[n] = '\0';
    }
    return 0;
}

int collect_library(struct dl_phdr_info* info, size_t, void* data) {
    auto* out = static_cast<std::string*>(data);
    if (info->dlpi_name == nullptr || info->dlpi_name[0] == '\0') return 0;
    std::string name(info->dlpi_name);
    static const char* interesting[] = {"cptorch", "libtorch", "libc10", "blas", "lapack", "gomp", "omp", "cuda", "cudnn", "dnnl"};
    for (auto* key : interesting) {
        if (name.find(key) != std::string::npos) {
            out->append(name).append("\n");
            break;
        }
    }
    return 0;
}

}  // namespace

CP_EXPORT int32_t cp_torch_version(int32_t* major, int32_t* minor, int32_t* patch) {
    *major = TORCH_VERSION_MAJOR;
    *minor = TORCH_VERSION_MINOR;
    *patch = TORCH_VERSION_PATCH;
    return 0;
}

// Writes a description of the build (ATen's config, BLAS, parallel backend) into dst.
CP_EXPORT int32_t cp_build_info(char* dst, int32_t capacity, int32_t* needed) {
    *needed = 0;
    CP_TRY
    std::string text = at::show_config();
    text.append("\n").append(at::get_parallel_info());
    copy_text(text, dst, capacity, needed);
    CP_CATCH
}

// Newline-separated paths of the loaded native libraries that matter for speed and devices.
CP_EXPORT int32_t cp_loaded_libraries(char* dst, int32_t capacity, int32_t* needed) {
    *needed = 0;
    CP_TRY
    std::string text;
    dl_iterate_phdr(collect_library, &text);
    copy_text(text, dst, capacity, needed);
    CP_CATCH
}

CP_EXPORT int32_t cp_setenv(const char* name, const char* value, int32_t overwrite) {
    CP_TRY
    if (name == nullptr || value == nullptr) throw std::invalid_argument("null environment name or value");
    if (::setenv(name, value, overwrite) != 0) throw std::runtime_error(std::string("setenv failed for ") + name);
    CP_CATCH
}

CP_EXPORT int32_t cp_set_num_threads(int32_t intra, int32_t interop) {
    CP_TRY
    if (intra > 0) at::set_num_threads(intra);
    if (interop > 0) at::set_num_interop_threads(interop);
    CP_CATCH
}

CP_EXPORT int32_t cp_get_num_threads(int32_t* intra, int32_t* interop) {
    *intra = 0;
    *interop = 0;
    CP_TRY
    *intra = at::get_num_threads();
    *interop = at::get_num_interop_threads();
    CP_CATCH
}

CP_EXPORT int32_t cp_cuda_info(int32_t* available, int32_t* device_count, int32_t* cudnn) {
    *available = 0;
    *device_count = 0;
    *cudnn = 0;
    CP_TRY
    *available = torch::cuda::is_available() ? 1 : 0;
    *device_count = static_cast<int32_t>(torch::cuda::device_count());
    *cudnn = torch::cuda::cudnn_is_available() ? 1 : 0;
    CP_CATCH
}

CP_EXPORT int32_t cp_cuda_synchronize(int32_t device_index) {
    CP_TRY torch::cuda::synchronize(device_index); CP_CATCH
}

CP_EXPORT int32_t cp_manual_seed(int64_t seed) {
    CP_TRY
    at::manual_seed(static_cast<uint64_t>(seed));
    CP_CATCH
}

CP_EXPORT int32_t cp_set_deterministic(int32_t enabled) {
    CP_TRY
    at::globalContext().setDeterministicAlgorithms(enabled != 0, false);
    at::globalContext().setDeterministicCuDNN(enabled != 0);
    at::globalContext().setBenchmarkCuDNN(enabled == 0);
    CP_CATCH
}

// RNG state of the CPU generator (device_type 0) or of one CUDA device (device_type 1) as a uint8 tensor.
CP_EXPORT int32_t cp_rng_get_state(int32_t device_type, int32_t device_index, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    auto gen = device_type == 0 ? at::globalContext().defaultGenerator(at::kCPU)
                                : at::globalContext().defaultGenerator(cp::device(device_type, device_index));
    std::lock_guard<std::mutex> lock(gen.mutex());
    *out = cp::wrap(gen.get_state());
    CP_CATCH
}

CP_EXPORT int32_t cp_rng_set_state(int32_t device_type, int32_t device_index, const at::Tensor* state) {
    CP_TRY
    auto gen = device_type == 0 ? at::globalContext().defaultGenerator(at::kCPU)
                                : at::globalContext().defaultGenerator(cp::device(device_type, device_index));
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(cp::ref(state));
    CP_CATCH
}
