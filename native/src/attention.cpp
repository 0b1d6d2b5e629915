// Dot-product self-attention without weights, softmax(scale * x x^T) x over x [B, T, D] (Keras' Attention() with
// query = value = x, as seed 004 uses it), as one autograd node on CPU.
//
// Composed from bmm and softmax, libtorch runs each bmm as B small GEMMs one after the other (OpenBLAS's
// single-threaded small-matrix path at these sizes), so one core does the whole attention while the other waits,
// and autograd records six bmm for the backward. Here the batch is split in contiguous chunks that run at the same
// time on their own threads, and the backward needs three bmm per chunk instead of four: x appears twice in
// x x^T, and its two gradients (dS x and dS^T x) are one product, (dS + dS^T) x.
//
// Every batch item is computed by the same calls whatever the chunking, so results do not depend on the number of
// threads. CUDA tensors (and dtypes other than float and double) take the composed ops.
#include "common.h"

#include <ATen/Parallel.h>

#include <torch/csrc/autograd/custom_function.h>

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <thread>

namespace cp {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// Below this many multiply-adds per bmm, starting threads costs more than it saves.
constexpr int64_t kMinParallelWork = int64_t{1} << 20;

// Runs fn(begin, end) over [0, n) in up to `ways` contiguous chunks, the first on the calling thread, and rethrows
// the first exception after every chunk has finished (the chunks write into tensors the caller owns).
template <typename F>
void for_each_chunk(int64_t n, int64_t ways, const F& fn) {
    ways = std::max<int64_t>(1, std::min(ways, n));
    if (ways == 1) {
        fn(int64_t{0}, n);
        return;
    }
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
            // No thread to be had: do that chunk here.
            run(k);
        }
    }
    run(0);
    for (auto& t : threads) t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

// OpenBLAS, when it is the BLAS libtorch was built with (Debian's libtorch): its thread count is process-wide.
// With more than one thread it splits even these small GEMMs, and two of our chunks calling it at once then wait
// on each other (measured: a bmm in two halves on two threads took 5.7 ms against 3.7 ms in one call). So while the
// chunks run, OpenBLAS is held to one thread, and restored afterwards. Absent (MKL builds), nothing changes.
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

class SingleThreadedBlas {
public:
    explicit SingleThreadedBlas(bool active) {
        if (active && openblas().available()) {
            previous_ = openblas().get();
            if (previous_ > 1) openblas().set(1);
        }
    }
    ~SingleThreadedBlas() {
        if (previous_ > 1) openblas().set(previous_);
    }
    SingleThreadedBlas(const SingleThreadedBlas&) = delete;
    SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;

private:
    int previous_ = 0;
};

// How many chunks: the cores the process was given, whether to libtorch's pool (Intel split) or to OpenBLAS's
// (AMD split, see TorchRuntime), or 1 when the work is too small to pay for threads or OpenBLAS's thread count
// cannot be held at one for the duration.
int64_t parallel_ways(int64_t batch, int64_t steps, int64_t features) {
    if (batch < 2 || batch * steps * steps * features < kMinParallelWork) return 1;
    const int64_t blas = openblas().available() ? openblas().get() : 1;
    return std::max<int64_t>({1, at::get_num_threads(), blas});
}

// Runs the chunks with OpenBLAS held to one thread when there is more than one chunk.
template <typename F>
void run_chunks(int64_t batch, int64_t ways, const F& fn) {
    SingleThreadedBlas blas(ways > 1);
    for_each_chunk(batch, ways, fn);
}

struct SelfAttentionFunction : public torch::autograd::Function<SelfAttentionFunction> {
    static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, double scale) {
        const auto x = input.contiguous();
        const int64_t batch = x.size(0), steps = x.size(1), features = x.size(2);
        // Every buffer is allocated here: memory malloc'd on the worker threads would come from (and be trimmed
        // back out of) their own arenas, and be faulted in again, zeroed, on the next call.
        auto weights = at::empty({batch, steps, steps}, x.options());
        auto scores = at::empty({batch, steps, steps}, x.options());
        auto output = at::empty_like(x);
        run_chunks(batch, parallel_ways(batch, steps, features), [&](int64_t begin, int64_t end) {
            const int64_t n = end - begin;
            const auto xc = x.narrow(0, begin, n);
            auto sc = scores.narrow(0, begin, n), wc = weights.narrow(0, begin, n), oc = output.narrow(0, begin, n);
            at::bmm_out(sc, xc, xc.transpose(1, 2));
            if (scale != 1.0) sc.mul_(scale);
            at::_softmax_out(wc, sc, -1, false);
            at::bmm_out(oc, wc, xc);
        });
        ctx->save_for_backward({x, weights});
        ctx->saved_data["scale"] = scale;
        return output;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        TORCH_CHECK(!at::GradMode::is_enabled(), "self-attention: double backward (create_graph) is not supported");
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0], &weights = saved[1];
        const double scale = ctx->saved_data["scale"].toDouble();
        const auto d_output = grads[0].contiguous();
        const int64_t batch = x.size(0), steps = x.size(1), features = x.size(2);
        // Buffers allocated here, as in the forward.
        auto dx = at::empty_like(x);
        auto d_weights = at::empty({batch, steps, steps}, x.options());
        auto d_scores = at::empty({batch, steps, steps}, x.options());
        auto row_sums = at::empty({batch, steps, 1}, x.options());
        run_chunks(batch, parallel_ways(batch, steps, features), [&](int64_t begin, int64_t end) {
            const int64_t n = end - begin;
            const auto xc = x.narrow(0, begin, n), wc = weights.narrow(0, begin, n), doc = d_output.narrow(0, begin, n);
            auto dwc = d_weights.narrow(0, begin, n), dsc = d_scores.narrow(0, begin, n), rsc = row_sums.narrow(0, begin, n);
            // output = W x: dW = dout x^T, and dx gets W^T dout.
            at::bmm_out(dwc, doc, xc.transpose(1, 2));
            // Softmax backward: dS = W * (dW - rowsum(dW * W)), then the scale.
            at::mul_out(dsc, dwc, wc);
            at::sum_out(rsc, dsc, {-1}, true);
            at::sub_out(dsc, dwc, rsc);
            dsc.mul_(wc);
            if (scale != 1.0) dsc.mul_(scale);
            // S = x x^T: dx gets (dS + dS^T) x (dW is no longer needed: it holds the sum).
            at::add_out(dwc, dsc, dsc.transpose(1, 2));
            auto dxc = dx.narrow(0, begin, n);
            at::bmm_out(dxc, wc.transpose(1, 2), doc);
            dxc.baddbmm_(dwc, xc);
        });
        return {dx, at::Tensor()};
    }
};

at::Tensor composed(const at::Tensor& x, double scale) {
    auto scores = at::bmm(x, x.transpose(1, 2));
    if (scale != 1.0) scores = scores * scale;
    return at::bmm(at::softmax(scores, -1), x);
}

}  // namespace

at::Tensor self_attention(const at::Tensor& x, double scale) {
    if (x.dim() != 3)
        throw std::invalid_argument("self-attention expects [batch, steps, features], got " + std::to_string(x.dim()) +
                                    " dimensions " + c10::str(x.sizes()));
    if (!std::isfinite(scale)) throw std::invalid_argument("self-attention scale must be finite, got " + std::to_string(scale));
    const bool fused = x.device().is_cpu() && x.layout() == at::kStrided &&
                       (x.scalar_type() == at::kFloat || x.scalar_type() == at::kDouble) && x.numel() > 0;
    return fused ? SelfAttentionFunction::apply(x, scale) : composed(x, scale);
}

}  // namespace cp

CP_EXPORT int32_t cp_self_attention(const at::Tensor* x, double scale, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    *out = cp::wrap(cp::self_attention(cp::ref(x), scale));
    CP_CATCH
}
