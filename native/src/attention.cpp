// Dot-product self-attention without weights, softmax(scale * x x^T) x over x [B, T, D] (Keras' Attention() with
// query = value = x, as seed 004 uses it), as one autograd node on CPU.
//
// Composed from bmm and softmax, libtorch runs each bmm as B small GEMMs one after the other, and autograd records
// four bmm for the backward. Here the batch is split in chunks that run at the same time (parallel.h), and the
// backward needs three bmm per chunk: x appears twice in x x^T, and its two gradients (dS x and dS^T x) are one
// product, (dS + dS^T) x. CUDA tensors (and dtypes other than float and double) take the composed ops.
#include "common.h"
#include "parallel.h"

#include <torch/csrc/autograd/custom_function.h>

#include <cmath>

namespace cp {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// Below this many multiply-adds per bmm, starting threads costs more than it saves.
constexpr int64_t kMinParallelWork = int64_t{1} << 20;

// A [B, T, D] operand as it comes when its rows are contiguous: batch-first, or the time-major output of an LSTM
// seen batch-first (bmm reads either with its leading dimension); otherwise a contiguous copy.
at::Tensor rows_contiguous(const at::Tensor& t) {
    return t.stride(2) == 1 ? t : t.contiguous();
}

// A [B, T, D] buffer laid out as `like`: time-major when `like` is a time-major view, so that the next LSTM (which
// works time-major) needs no copy; batch-first otherwise.
at::Tensor empty_as(const at::Tensor& like) {
    const bool time_major = like.size(0) > 1 && like.stride(2) == 1 && like.stride(0) == like.size(2) &&
                            like.stride(1) == like.size(0) * like.size(2);
    return time_major ? at::empty({like.size(1), like.size(0), like.size(2)}, like.options()).transpose(0, 1)
                      : at::empty(like.sizes(), like.options());
}

int64_t parallel_ways(int64_t batch, int64_t steps, int64_t features) {
    return batch * steps * steps * features < kMinParallelWork ? 1 : batch_chunks(batch);
}

struct SelfAttentionFunction : public torch::autograd::Function<SelfAttentionFunction> {
    static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, double scale) {
        const auto x = rows_contiguous(input);
        const int64_t batch = x.size(0), steps = x.size(1), features = x.size(2);
        // Every buffer is allocated here, not on the chunks' threads (see for_each_chunk).
        auto weights = at::empty({batch, steps, steps}, x.options());
        auto scores = at::empty({batch, steps, steps}, x.options());
        auto output = empty_as(x);
        for_each_chunk(batch, parallel_ways(batch, steps, features), [&](int64_t begin, int64_t end) {
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
        const auto d_output = rows_contiguous(grads[0]);
        const int64_t batch = x.size(0), steps = x.size(1), features = x.size(2);
        // Buffers allocated here, as in the forward.
        auto dx = empty_as(x);
        auto d_weights = at::empty({batch, steps, steps}, x.options());
        auto d_scores = at::empty({batch, steps, steps}, x.options());
        auto row_sums = at::empty({batch, steps, 1}, x.options());
        for_each_chunk(batch, parallel_ways(batch, steps, features), [&](int64_t begin, int64_t end) {
            const int64_t n = end - begin;
            const auto xc = x.narrow(0, begin, n), wc = weights.narrow(0, begin, n), doc = d_output.narrow(0, begin, n);
            auto dwc = d_weights.narrow(0, begin, n), dsc = d_scores.narrow(0, begin, n), rsc = row_sums.narrow(0, begin, n);
            // output = W x: dW = dout x^T, and dx gets W^T dout.
            at::bmm_out(dwc, doc, xc.transpose(1, 2));
            // Softmax backward: dS = W * (dW - rowsum(dW * W)), then the scale.
            at::mul_out(dsc, dwc, wc);
            at::sum_out(rsc, dsc, at::IntArrayRef{-1}, true);
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
