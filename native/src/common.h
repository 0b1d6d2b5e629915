// Shared by every translation unit of the bridge: error capture, handle helpers, export macro.
#pragma once

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#define CP_EXPORT extern "C" __attribute__((visibility("default")))

namespace cp {

void set_error(const char* message);
void clear_error();

// Counts tensors owned by handles, so tests can prove a training step leaks nothing.
extern std::atomic<int64_t> live_tensors;

inline at::Tensor* wrap(at::Tensor t) {
    if (!t.defined()) return nullptr;
    live_tensors.fetch_add(1, std::memory_order_relaxed);
    return new at::Tensor(std::move(t));
}

inline const at::Tensor& ref(const at::Tensor* t) {
    if (t == nullptr) throw std::invalid_argument("null tensor handle");
    return *t;
}

inline std::vector<int64_t> dims(const int64_t* values, int32_t count) {
    if (count < 0 || (count > 0 && values == nullptr)) throw std::invalid_argument("invalid shape array");
    return std::vector<int64_t>(values, values + count);
}

inline at::Device device(int32_t type, int32_t index) {
    if (type == 0) return at::Device(at::kCPU);
    if (type == 1) return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
    throw std::invalid_argument("unknown device type " + std::to_string(type));
}

inline at::ScalarType dtype(int32_t code) {
    switch (code) {
        case 0: return at::kFloat;
        case 1: return at::kDouble;
        case 2: return at::kLong;
        case 3: return at::kInt;
        case 4: return at::kBool;
        case 5: return at::kByte;
        default: throw std::invalid_argument("unknown dtype code " + std::to_string(code));
    }
}

inline int32_t dtype_code(at::ScalarType t) {
    switch (t) {
        case at::kFloat: return 0;
        case at::kDouble: return 1;
        case at::kLong: return 2;
        case at::kInt: return 3;
        case at::kBool: return 4;
        case at::kByte: return 5;
        default: return -1;
    }
}

inline at::Reduction::Reduction reduction(int32_t code) {
    switch (code) {
        case 0: return at::Reduction::None;
        case 1: return at::Reduction::Mean;
        case 2: return at::Reduction::Sum;
        default: throw std::invalid_argument("unknown reduction code " + std::to_string(code));
    }
}

}  // namespace cp

// Every export returns 0 on success and 1 on failure, with the message in cp_last_error(). The message is
// not cleared on success, so it survives metadata calls made while building the managed error text.
// No exception may unwind into .NET (unsupported on Linux), so every kind is caught.
#define CP_TRY try {
#define CP_CATCH                                        \
    }                                                   \
    catch (const c10::Error& e) {                       \
        cp::set_error(e.what_without_backtrace());      \
        return 1;                                       \
    }                                                   \
    catch (const std::exception& e) {                   \
        cp::set_error(e.what());                        \
        return 1;                                       \
    }                                                   \
    catch (...) {                                       \
        cp::set_error("unknown native error");          \
        return 1;                                       \
    }                                                   \
    return 0;
