// LSTM on CPU with a hand-written backward. libtorch 1.13 runs a CPU LSTM as ~10 autograd-recorded ops per time
// step, and its backward as ~20 more per step, including a weight-gradient GEMM per step. Here a layer is one
// autograd node: the forward records nothing per step (a recurrent GEMM, two sigmoids and two fused passes), the
// backward runs one fused element-wise pass and one recurrent GEMM per step, and computes the weight and input
// gradients with one large GEMM each over all steps. Same parameters, same gate order (i, f, g, o), same results
// up to float rounding; CUDA (and anything else) keeps libtorch's own implementation. The rounding differs most for
// tanh, computed as 2 sigmoid(2z) - 1: that has an absolute, not relative, error of ~6e-8 in float32 (half an ulp
// of a sigmoid near 1, doubled), so a tanh near 0 has far fewer correct digits than libtorch's.
#include "lstm.h"

#include "dropout.h"

#include <torch/csrc/autograd/custom_function.h>

#include <atomic>

namespace cp {

std::atomic<bool> fused_lstm_enabled{true};

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// The element-wise kernels are plain loops over B x H cells, inlined into entry points compiled for AVX-512, AVX2
// and the baseline (GCC picks one at load time through an ifunc), so the compiler can vectorise them at full width.
#define CP_KERNEL inline __attribute__((always_inline))
#if defined(__x86_64__)
#define CP_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CP_CLONES
#endif

// One pass over a step's B x H cells: from the gradient reaching h_t (dh) and c_t (dc, updated in place to the
// gradient reaching c_{t-1}), the gradients of the four gate pre-activations. Gates hold activations i, f, g, o.
template <typename T>
CP_KERNEL void cell_backward(const T* __restrict__ gates, const T* __restrict__ tanh_c, const T* __restrict__ c_prev,
                             const T* __restrict__ dh, T* __restrict__ dc, T* __restrict__ dgates, int64_t batch,
                             int64_t hidden) {
    for (int64_t b = 0; b < batch; b++) {
        const T* gi = gates + b * 4 * hidden;
        const T* gf = gi + hidden;
        const T* gg = gf + hidden;
        const T* go = gg + hidden;
        T* di = dgates + b * 4 * hidden;
        T* df = di + hidden;
        T* dg = df + hidden;
        T* dout = dg + hidden;
        const int64_t row = b * hidden;
        for (int64_t j = 0; j < hidden; j++) {
            const T i = gi[j], f = gf[j], g = gg[j], o = go[j], tc = tanh_c[row + j], dhv = dh[row + j];
            const T dcv = dc[row + j] + dhv * o * (T(1) - tc * tc);
            di[j] = dcv * g * i * (T(1) - i);
            df[j] = dcv * c_prev[row + j] * f * (T(1) - f);
            dg[j] = dcv * i * (T(1) - g * g);
            dout[j] = dhv * tc * o * (T(1) - o);
            dc[row + j] = dcv * f;
        }
    }
}

// Forward element-wise work of one step, after the gate pre-activations went through a sigmoid with the g gate's
// pre-activation doubled (tanh(z) = 2 sigmoid(2z) - 1; libtorch's tanh costs about 3x its sigmoid here): turns g into
// tanh, writes c_t and 2 c_t (into tanh_c, to go through the next sigmoid).
template <typename T>
CP_KERNEL void cell_update(T* __restrict__ gates, const T* __restrict__ c_prev, T* __restrict__ c, T* __restrict__ tanh_c,
                           int64_t batch, int64_t hidden) {
    for (int64_t b = 0; b < batch; b++) {
        const T* gi = gates + b * 4 * hidden;
        const T* gf = gi + hidden;
        T* gg = gates + b * 4 * hidden + 2 * hidden;
        const int64_t row = b * hidden;
        for (int64_t j = 0; j < hidden; j++) {
            const T g = T(2) * gg[j] - T(1);
            gg[j] = g;
            const T cv = gf[j] * c_prev[row + j] + gi[j] * g;
            c[row + j] = cv;
            tanh_c[row + j] = T(2) * cv;
        }
    }
}

// Finishes tanh(c_t) from sigmoid(2 c_t) and writes h_t = o * tanh(c_t).
template <typename T>
CP_KERNEL void cell_output(const T* __restrict__ gates, T* __restrict__ tanh_c, T* __restrict__ h, int64_t batch,
                           int64_t hidden) {
    for (int64_t b = 0; b < batch; b++) {
        const T* go = gates + b * 4 * hidden + 3 * hidden;
        const int64_t row = b * hidden;
        for (int64_t j = 0; j < hidden; j++) {
            const T tc = T(2) * tanh_c[row + j] - T(1);
            tanh_c[row + j] = tc;
            h[row + j] = go[j] * tc;
        }
    }
}

// Entry points: one clone per instruction set, each with the kernel inlined.
CP_CLONES void backward_cells(const float* g, const float* tc, const float* cp, const float* dh, float* dc, float* dg, int64_t b,
                              int64_t h) {
    cell_backward<float>(g, tc, cp, dh, dc, dg, b, h);
}
CP_CLONES void backward_cells(const double* g, const double* tc, const double* cp, const double* dh, double* dc, double* dg,
                              int64_t b, int64_t h) {
    cell_backward<double>(g, tc, cp, dh, dc, dg, b, h);
}
CP_CLONES void update_cells(float* g, const float* cp, float* c, float* tc, int64_t b, int64_t h) {
    cell_update<float>(g, cp, c, tc, b, h);
}
CP_CLONES void update_cells(double* g, const double* cp, double* c, double* tc, int64_t b, int64_t h) {
    cell_update<double>(g, cp, c, tc, b, h);
}
CP_CLONES void output_cells(const float* g, float* tc, float* h_out, int64_t b, int64_t h) {
    cell_output<float>(g, tc, h_out, b, h);
}
CP_CLONES void output_cells(const double* g, double* tc, double* h_out, int64_t b, int64_t h) {
    cell_output<double>(g, tc, h_out, b, h);
}

// Copy of a [4H, ...] gate-stacked weight (or bias) with the g gate's rows doubled.
at::Tensor double_g_rows(const at::Tensor& w, int64_t hidden) {
    auto scaled = w.clone();
    scaled.narrow(0, 2 * hidden, hidden).mul_(2);
    return scaled;
}

// One direction of one layer over a time-major sequence x [T, B, I]; returns y [T, B, H], h_T and c_T (the state
// after the last step processed: t = T-1 forward, t = 0 reverse).
struct LstmLayerFunction : public torch::autograd::Function<LstmLayerFunction> {
    static variable_list forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& h0, const at::Tensor& c0,
                                 const at::Tensor& w_ih, const at::Tensor& w_hh, const c10::optional<at::Tensor>& b_ih,
                                 const c10::optional<at::Tensor>& b_hh, bool reverse) {
        const int64_t steps = x.size(0), batch = x.size(1), inputs = x.size(2), hidden = w_hh.size(1);
        auto flat = x.reshape({steps * batch, inputs});
        // Input projections of every step in one GEMM; each step's slice then becomes its gate activations.
        const auto w_ih_t = double_g_rows(w_ih, hidden).t();
        // (Biases are optional, not undefined tensors: autograd reads the device of every tensor argument.)
        auto gates = b_ih.has_value() ? at::addmm(double_g_rows(*b_ih + *b_hh, hidden), flat, w_ih_t) : at::mm(flat, w_ih_t);
        gates = gates.view({steps, batch, 4 * hidden});
        auto y = at::empty({steps, batch, hidden}, x.options());
        auto cells = at::empty({steps, batch, hidden}, x.options());
        auto tanh_cells = at::empty({steps, batch, hidden}, x.options());
        const auto w_hh_t = double_g_rows(w_hh, hidden).t();
        at::Tensor h = h0, c = c0.contiguous();
        for (int64_t s = 0; s < steps; s++) {
            const int64_t t = reverse ? steps - 1 - s : s;
            auto g = gates.select(0, t);
            g.addmm_(h, w_hh_t);
            g.sigmoid_();
            auto ct = cells.select(0, t), tct = tanh_cells.select(0, t), ht = y.select(0, t);
            AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "lstm_cell_update", [&] {
                update_cells(g.data_ptr<scalar_t>(), c.data_ptr<scalar_t>(), ct.data_ptr<scalar_t>(), tct.data_ptr<scalar_t>(),
                             batch, hidden);
            });
            tct.sigmoid_();
            AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "lstm_cell_output", [&] {
                output_cells(g.data_ptr<scalar_t>(), tct.data_ptr<scalar_t>(), ht.data_ptr<scalar_t>(), batch, hidden);
            });
            h = ht;
            c = ct;
        }
        ctx->set_materialize_grads(false);
        ctx->save_for_backward({x, h0, c0, w_ih, w_hh, gates, cells, tanh_cells, y});
        ctx->saved_data["reverse"] = reverse;
        ctx->saved_data["bias"] = b_ih.has_value();
        // Copies: an output that is a view of another output would confuse autograd.
        return {y, h.clone(), c.clone()};
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        // The kernels below are not recorded by autograd, so a second derivative would be silently wrong. In backward,
        // grad mode is on only under create_graph.
        TORCH_CHECK(!at::GradMode::is_enabled(), "fused LSTM: double backward (create_graph) is not supported");
        // Edges follow forward's tensor arguments: 0 x, 1 h0, 2 c0. The first layer's x is usually data and the states
        // zeros or constants: their gradients are skipped (undefined) when nothing asks for them.
        const bool need_dx = ctx->needs_input_grad(0), need_dh0 = ctx->needs_input_grad(1), need_dc0 = ctx->needs_input_grad(2);
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0], &h0 = saved[1], &w_ih = saved[3], &w_hh = saved[4], &gates = saved[5];
        const auto &cells = saved[6], &tanh_cells = saved[7], &y = saved[8];
        const auto c0 = saved[2].contiguous();
        const bool reverse = ctx->saved_data["reverse"].toBool();
        const bool bias = ctx->saved_data["bias"].toBool();
        const int64_t steps = x.size(0), batch = x.size(1), inputs = x.size(2), hidden = w_hh.size(1);
        const auto& dy = grads[0];
        const auto& dh_last = grads[1];
        const auto& dc_last = grads[2];

        auto dgates = at::empty({steps, batch, 4 * hidden}, x.options());
        auto dc = dc_last.defined() ? dc_last.contiguous().clone() : at::zeros({batch, hidden}, x.options());
        auto dh = at::empty({batch, hidden}, x.options());
        // Gradient reaching h of the last processed step: from the output there and from h_T.
        const int64_t t_last = reverse ? 0 : steps - 1;
        if (dh_last.defined() && dy.defined()) at::add_out(dh, dy.select(0, t_last), dh_last);
        else if (dh_last.defined()) dh.copy_(dh_last);
        else if (dy.defined()) dh.copy_(dy.select(0, t_last));
        else dh.zero_();

        at::Tensor dh0;
        for (int64_t s = steps - 1; s >= 0; s--) {
            const int64_t t = reverse ? steps - 1 - s : s;
            const auto c_prev = s == 0 ? c0 : cells.select(0, reverse ? t + 1 : t - 1);
            auto dgt = dgates.select(0, t);
            AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "lstm_cell_backward", [&] {
                backward_cells(gates.select(0, t).data_ptr<scalar_t>(), tanh_cells.select(0, t).data_ptr<scalar_t>(),
                               c_prev.data_ptr<scalar_t>(), dh.data_ptr<scalar_t>(), dc.data_ptr<scalar_t>(),
                               dgt.data_ptr<scalar_t>(), batch, hidden);
            });
            if (s > 0) {
                // Gradient reaching h of the step before: through the recurrence, plus the output there.
                const int64_t t_before = reverse ? t + 1 : t - 1;
                if (dy.defined()) at::addmm_out(dh, dy.select(0, t_before), dgt, w_hh);
                else at::mm_out(dh, dgt, w_hh);
            } else if (need_dh0) {
                dh0 = at::mm(dgt, w_hh);
            }
        }

        auto flat_dgates = dgates.view({steps * batch, 4 * hidden});
        at::Tensor dx;
        if (need_dx) dx = at::mm(flat_dgates, w_ih).view({steps, batch, inputs});
        auto dw_ih = at::mm(flat_dgates.t(), x.reshape({steps * batch, inputs}));
        // dW_hh = sum over t of dgates_t^T h_prev(t), where h_prev is h0 for the first processed step.
        const int64_t first = reverse ? steps - 1 : 0;
        auto dw_hh = at::mm(dgates.select(0, first).t(), h0);
        if (steps > 1) {
            auto later = reverse ? dgates.narrow(0, 0, steps - 1) : dgates.narrow(0, 1, steps - 1);
            auto before = reverse ? y.narrow(0, 1, steps - 1) : y.narrow(0, 0, steps - 1);
            dw_hh.addmm_(later.reshape({(steps - 1) * batch, 4 * hidden}).t(),
                         before.reshape({(steps - 1) * batch, hidden}));
        }
        at::Tensor db_ih, db_hh;
        if (bias) {
            db_ih = flat_dgates.sum(0);
            db_hh = db_ih.clone();
        }
        return {dx, dh0, need_dc0 ? dc : at::Tensor(), dw_ih, dw_hh, db_ih, db_hh, at::Tensor()};
    }
};

}  // namespace

bool fused_lstm_applies(const at::Tensor& input, const torch::nn::LSTMOptions& options) {
    return fused_lstm_enabled.load(std::memory_order_relaxed) && input.device().is_cpu() && input.layout() == at::kStrided &&
           options.proj_size() == 0 && (input.scalar_type() == at::kFloat || input.scalar_type() == at::kDouble);
}

std::tuple<at::Tensor, at::Tensor, at::Tensor> fused_lstm(const at::Tensor& input, const at::Tensor& h0_in,
                                                          const at::Tensor& c0_in, const std::vector<at::Tensor>& weights,
                                                          const torch::nn::LSTMOptions& options, bool training) {
    const int64_t layers = options.num_layers(), directions = options.bidirectional() ? 2 : 1;
    const int64_t hidden = options.hidden_size();
    // Checks and messages as libtorch 1.13's LSTM, which takes batched input only.
    if (input.dim() != 3) throw std::invalid_argument("input must have 3 dimensions, got " + std::to_string(input.dim()));
    auto x = (options.batch_first() ? input.transpose(0, 1) : input).contiguous();  // [T, B, I], time-major
    if (x.size(2) != options.input_size())
        throw std::invalid_argument("input.size(-1) must be equal to input_size. Expected " +
                                    std::to_string(options.input_size()) + ", got " + std::to_string(x.size(2)));
    // libtorch's LSTM fails in forward too; here the forward would succeed and the backward fail.
    if (x.size(0) == 0)
        throw std::invalid_argument("Expected sequence length to be larger than 0 in LSTM, got input of shape " + c10::str(input.sizes()));
    const int64_t batch = x.size(1);
    const std::vector<int64_t> state_shape{layers * directions, batch, hidden};
    auto check_state = [&](const at::Tensor& s, const char* name) {
        if (!s.sizes().equals(state_shape))
            throw std::invalid_argument(std::string("Expected ") + name + " size " + c10::str(at::IntArrayRef(state_shape)) +
                                        ", got " + c10::str(s.sizes()));
    };
    if (h0_in.defined()) check_state(h0_in, "h0");
    if (c0_in.defined()) check_state(c0_in, "c0");
    auto h0 = h0_in.defined() ? h0_in : at::zeros(state_shape, x.options());
    auto c0 = c0_in.defined() ? c0_in : at::zeros(state_shape, x.options());
    const int64_t per_direction = options.bias() ? 4 : 2;
    if (static_cast<int64_t>(weights.size()) != layers * directions * per_direction)
        throw std::invalid_argument("unexpected number of LSTM weight tensors");
    // The kernels read c0 and their own buffers through raw pointers typed by x: a state or weight of another dtype,
    // on another device (a CUDA pointer read on the host) or not strided must be refused here. Messages as libtorch's
    // check_attributes, with the offending tensor named.
    auto check_like_input = [&](const at::Tensor& t, const std::string& kind, const std::string& name) {
        if (t.device() != x.device())
            throw std::invalid_argument("Input and " + kind + " tensors are not at the same device, found input tensor at " +
                                        c10::str(x.device()) + " and " + name + " tensor at " + c10::str(t.device()));
        if (t.scalar_type() != x.scalar_type())
            throw std::invalid_argument("Input and " + kind + " tensors are not the same dtype, found input tensor with " +
                                        c10::str(x.scalar_type()) + " and " + name + " tensor with " + c10::str(t.scalar_type()));
        if (t.layout() != at::kStrided)
            throw std::invalid_argument("Input and " + kind + " tensors must be dense (strided), found " + name +
                                        " tensor with layout " + c10::str(t.layout()));
    };
    check_like_input(h0, "h0", "h0");
    check_like_input(c0, "c0", "c0");
    for (size_t i = 0; i < weights.size(); i++) {
        static const char* const kinds[] = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
        const int64_t k = static_cast<int64_t>(i) / per_direction, j = static_cast<int64_t>(i) % per_direction;
        check_like_input(weights[i], "parameter", std::string("parameter ") + kinds[j] + "_l" + std::to_string(k / directions) +
                                                      (k % directions == 1 ? "_reverse" : ""));
    }

    std::vector<at::Tensor> h_n, c_n;
    at::Tensor layer_input = x;
    for (int64_t layer = 0; layer < layers; layer++) {
        std::vector<at::Tensor> outputs;
        for (int64_t d = 0; d < directions; d++) {
            const int64_t k = layer * directions + d;
            const auto* w = &weights[static_cast<size_t>(k * per_direction)];
            auto b_ih = options.bias() ? c10::optional<at::Tensor>(w[2]) : c10::nullopt;
            auto b_hh = options.bias() ? c10::optional<at::Tensor>(w[3]) : c10::nullopt;
            auto result = LstmLayerFunction::apply(layer_input, h0.select(0, k), c0.select(0, k), w[0], w[1], b_ih, b_hh, d == 1);
            outputs.push_back(result[0]);
            h_n.push_back(result[1]);
            c_n.push_back(result[2]);
        }
        layer_input = directions == 1 ? outputs[0] : at::cat(outputs, 2);
        if (options.dropout() > 0 && training && layer + 1 < layers)
            layer_input = cp::dropout(layer_input, options.dropout(), true);
    }
    auto output = options.batch_first() ? layer_input.transpose(0, 1) : layer_input;
    auto hn = at::stack(h_n, 0), cn = at::stack(c_n, 0);
    return {output, hn, cn};
}

}  // namespace cp

CP_EXPORT int32_t cp_lstm_fused_set(int32_t enabled) {
    CP_TRY cp::fused_lstm_enabled.store(enabled != 0); CP_CATCH
}

CP_EXPORT int32_t cp_lstm_fused_get(int32_t* enabled) {
    *enabled = 0;
    CP_TRY *enabled = cp::fused_lstm_enabled.load() ? 1 : 0; CP_CATCH
}
