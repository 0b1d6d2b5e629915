// Dropout for CPU tensors. libtorch 1.13 draws the keep-mask with one call of its Mersenne Twister per element
// (bernoulli_, ~6.5 ns each here), which made dropout 10-15% of an LSTM training step. Here one 64-bit draw of
// libtorch's CPU generator seeds a SplitMix64 sequence that gives two 32-bit uniforms per step (~0.5 ns per
// element), so results still follow torch.manual_seed and the generator state, only not libtorch's exact stream.
// Semantics are PyTorch's: keep with probability 1 - p, scale kept values by 1 / (1 - p); identity in eval mode.
#include "dropout.h"

#include <ATen/CPUGeneratorImpl.h>

#include <mutex>

namespace cp {

namespace {

inline uint64_t splitmix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

template <typename T>
__attribute__((always_inline)) inline void fill_mask(T* __restrict__ mask, int64_t n, uint64_t seed, uint32_t threshold,
                                                     T scale) {
    const int64_t pairs = n / 2;
    for (int64_t k = 0; k < pairs; k++) {
        const uint64_t r = splitmix64(seed + static_cast<uint64_t>(k) * 0x9E3779B97F4A7C15ULL);
        mask[2 * k] = static_cast<uint32_t>(r) >= threshold ? scale : T(0);
        mask[2 * k + 1] = static_cast<uint32_t>(r >> 32) >= threshold ? scale : T(0);
    }
    if (n % 2 != 0) {
        const uint64_t r = splitmix64(seed + static_cast<uint64_t>(pairs) * 0x9E3779B97F4A7C15ULL);
        mask[n - 1] = static_cast<uint32_t>(r) >= threshold ? scale : T(0);
    }
}

#if defined(__x86_64__)
#define CP_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CP_CLONES
#endif

CP_CLONES void fill_mask_f32(float* mask, int64_t n, uint64_t seed,
                                                                                 uint32_t threshold, float scale) {
    fill_mask(mask, n, seed, threshold, scale);
}

CP_CLONES void fill_mask_f64(double* mask, int64_t n, uint64_t seed,
                                                                                 uint32_t threshold, double scale) {
    fill_mask(mask, n, seed, threshold, scale);
}

uint64_t draw_seed() {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    return at::check_generator<at::CPUGeneratorImpl>(gen)->random64();
}

}  // namespace

at::Tensor dropout(const at::Tensor& input, double p, bool training) {
    if (p < 0.0 || p > 1.0) throw std::invalid_argument("dropout probability must be in [0, 1], got " + std::to_string(p));
    const bool fast = training && p > 0.0 && p < 1.0 && input.device().is_cpu() &&
                      (input.scalar_type() == at::kFloat || input.scalar_type() == at::kDouble);
    if (!fast) return at::dropout(input, p, training);
    // P(uint32 >= threshold) = 1 - threshold / 2^32 = 1 - p, to within 2^-32.
    const auto threshold = static_cast<uint32_t>(std::min(p * 4294967296.0, 4294967295.0));
    auto mask = at::empty(input.sizes(), input.options().requires_grad(false));
    const uint64_t seed = draw_seed();
    if (input.scalar_type() == at::kFloat)
        fill_mask_f32(mask.data_ptr<float>(), mask.numel(), seed, threshold, static_cast<float>(1.0 / (1.0 - p)));
    else
        fill_mask_f64(mask.data_ptr<double>(), mask.numel(), seed, threshold, 1.0 / (1.0 - p));
    return input * mask;
}

}  // namespace cp
