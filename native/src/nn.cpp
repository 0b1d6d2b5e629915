// torch::nn building blocks (Linear, Conv1d, LSTM, GRU, MultiheadAttention, BatchNorm1d, LayerNorm),
// their parameters by name, losses and gradient clipping. Composite models are assembled in C#.
#include "common.h"
#include "lstm.h"

#include <torch/nn.h>
#include <torch/nn/utils/clip_grad.h>

using cp::ref;
using cp::wrap;

namespace {

enum Kind : int32_t { kLinear = 0, kConv1d = 1, kLstm = 2, kGru = 3, kMha = 4, kBatchNorm1d = 5, kLayerNorm = 6 };

struct CpModule {
    Kind kind;
    std::shared_ptr<torch::nn::Module> module;
    torch::nn::Linear linear{nullptr};
    torch::nn::Conv1d conv{nullptr};
    int64_t conv_pad_left = 0, conv_pad_right = 0;  // zero padding of the time axis, 'same' resolved
    torch::nn::LSTM lstm{nullptr};
    torch::nn::GRU gru{nullptr};
    torch::nn::MultiheadAttention mha{nullptr};
    torch::nn::BatchNorm1d bn{nullptr};
    torch::nn::LayerNorm ln{nullptr};
};

// Conv1d on CPU as im2col and one GEMM: the windows of the (padded) input as rows [B * L', C * k], times the weight
// viewed as [out, C * k]. libtorch 1.13's own kernel is slower for these small 1-D convolutions (seed 004's layer
// at batch 256 with its batch norm and transposes, forward and backward, in PyTorch: 22.6 ms against 14.9 ms this
// way). Autograd records unfold, copy and addmm, so the backward needs nothing of its own. Stride 1 or more,
// dilation 1, one group, zero padding (the only padding mode cp_conv1d_new makes); CUDA and everything else keep
// libtorch's convolution.
std::atomic<bool> im2col_conv_enabled{true};

bool im2col_applies(const torch::nn::Conv1dImpl& conv, const at::Tensor& input) {
    const auto& o = conv.options;
    return im2col_conv_enabled.load(std::memory_order_relaxed) && input.device().is_cpu() && input.dim() == 3 &&
           input.layout() == at::kStrided && (input.scalar_type() == at::kFloat || input.scalar_type() == at::kDouble) &&
           input.scalar_type() == conv.weight.scalar_type() && conv.weight.device().is_cpu() && o.groups() == 1 &&
           (*o.dilation())[0] == 1 &&
           input.size(1) == o.in_channels();
}

at::Tensor im2col_conv1d(const torch::nn::Conv1dImpl& conv, const at::Tensor& input, int64_t pad_left, int64_t pad_right) {
    const int64_t kernel = (*conv.options.kernel_size())[0], stride = (*conv.options.stride())[0];
    const int64_t batch = input.size(0), channels = input.size(1), out_channels = conv.options.out_channels();
    const auto padded = pad_left > 0 || pad_right > 0 ? at::constant_pad_nd(input, {pad_left, pad_right}) : input;
    if (padded.size(2) < kernel)
        throw std::invalid_argument("Conv1d: input length " + std::to_string(input.size(2)) + " (padded " +
                                    std::to_string(padded.size(2)) + ") is shorter than the kernel size " + std::to_string(kernel));
    auto windows = padded.unfold(2, kernel, stride);  // [B, C, L', k]
    const int64_t steps = windows.size(2);
    auto rows = windows.permute({0, 2, 1, 3}).reshape({batch * steps, channels * kernel});
    auto weight = conv.weight.reshape({out_channels, channels * kernel}).t();
    auto out = conv.bias.defined() ? at::addmm(conv.bias, rows, weight) : at::mm(rows, weight);
    // [B * L', out] to the [B, out, L'] layout libtorch's convolution returns.
    return out.view({batch, steps, out_channels}).permute({0, 2, 1}).contiguous();
}

CpModule& mod(CpModule* m) {
    if (m == nullptr) throw std::invalid_argument("null module handle");
    return *m;
}

thread_local std::string name_buffer;

const char* remember(const std::string& name) {
    name_buffer = name;
    return name_buffer.c_str();
}

}  // namespace

// ---- construction ---------------------------------------------------------------------------

CP_EXPORT int32_t cp_linear_new(int64_t in, int64_t out_features, int32_t bias, CpModule** out) {
    *out = nullptr;
    CP_TRY
    auto m = std::make_unique<CpModule>();
    m->kind = kLinear;
    m->linear = torch::nn::Linear(torch::nn::LinearOptions(in, out_features).bias(bias != 0));
    m->module = m->linear.ptr();
    *out = m.release();
    CP_CATCH
}

CP_EXPORT int32_t cp_conv1d_new(int64_t in, int64_t out_channels, int64_t kernel, int64_t stride, int64_t padding,
                                int32_t padding_same, int64_t dilation, int64_t groups, int32_t bias, CpModule** out) {
    *out = nullptr;
    CP_TRY
    auto opts = torch::nn::Conv1dOptions(in, out_channels, kernel).stride(stride).dilation(dilation).groups(groups).bias(bias != 0);
    if (padding_same) opts.padding(torch::kSame);
    else opts.padding(padding);
    auto m = std::make_unique<CpModule>();
    m->kind = kConv1d;
    m->conv = torch::nn::Conv1d(opts);
    // PyTorch's 'same': dilation * (kernel - 1) zeros in all, the odd one on the right.
    const int64_t same_total = dilation * (kernel - 1);
    m->conv_pad_left = padding_same ? same_total / 2 : padding;
    m->conv_pad_right = padding_same ? same_total - same_total / 2 : padding;
    m->module = m->conv.ptr();
    *out = m.release();
    CP_CATCH
}

CP_EXPORT int32_t cp_rnn_new(int32_t gru, int64_t input, int64_t hidden, int64_t layers, int32_t bias, int32_t batch_first,
                             double dropout, int32_t bidirectional, CpModule** out) {
    *out = nullptr;
    CP_TRY
    if (layers == 1 && dropout > 0)
        throw std::invalid_argument("inter-layer dropout needs at least 2 layers (got dropout " + std::to_string(dropout) +
                                    " with 1 layer)");
    auto m = std::make_unique<CpModule>();
    if (gru) {
        m->kind = kGru;
        m->gru = torch::nn::GRU(torch::nn::GRUOptions(input, hidden).num_layers(layers).bias(bias != 0)
                                    .batch_first(batch_first != 0).dropout(dropout).bidirectional(bidirectional != 0));
        m->module = m->gru.ptr();
    } else {
        m->kind = kLstm;
        m->lstm = torch::nn::LSTM(torch::nn::LSTMOptions(input, hidden).num_layers(layers).bias(bias != 0)
                                      .batch_first(batch_first != 0).dropout(dropout).bidirectional(bidirectional != 0));
        m->module = m->lstm.ptr();
    }
    *out = m.release();
    CP_CATCH
}

CP_EXPORT int32_t cp_mha_new(int64_t embed, int64_t heads, double dropout, int32_t bias, CpModule** out) {
    *out = nullptr;
    CP_TRY
    if (heads <= 0 || embed % heads != 0)
        throw std::invalid_argument("embed_dim " + std::to_string(embed) + " must be divisible by num_heads " + std::to_string(heads));
    auto m = std::make_unique<CpModule>();
    m->kind = kMha;
    m->mha = torch::nn::MultiheadAttention(torch::nn::MultiheadAttentionOptions(embed, heads).dropout(dropout).bias(bias != 0));
    m->module = m->mha.ptr();
    *out = m.release();
    CP_CATCH
}

CP_EXPORT int32_t cp_batchnorm1d_new(int64_t features, double eps, double momentum, int32_t affine, int32_t track,
                                     CpModule** out) {
    *out = nullptr;
    CP_TRY
    auto m = std::make_unique<CpModule>();
    m->kind = kBatchNorm1d;
    m->bn = torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(features).eps(eps).momentum(momentum)
                                       .affine(affine != 0).track_running_stats(track != 0));
    m->module = m->bn.ptr();
    *out = m.release();
    CP_CATCH
}

CP_EXPORT int32_t cp_layernorm_new(const int64_t* shape, int32_t ndim, double eps, int32_t affine, CpModule** out) {
    *out = nullptr;
    CP_TRY
    auto m = std::make_unique<CpModule>();
    m->kind = kLayerNorm;
    m->ln = torch::nn::LayerNorm(torch::nn::LayerNormOptions(cp::dims(shape, ndim)).eps(eps).elementwise_affine(affine != 0));
    m->module = m->ln.ptr();
    *out = m.release();
    CP_CATCH
}

CP_EXPORT void cp_module_free(CpModule* m) { delete m; }

// ---- forward --------------------------------------------------------------------------------

CP_EXPORT int32_t cp_module_forward(CpModule* m, const at::Tensor* x, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    auto& h = mod(m);
    const auto& input = ref(x);
    switch (h.kind) {
        case kLinear: *out = wrap(h.linear->forward(input)); break;
        case kConv1d:
            *out = wrap(im2col_applies(*h.conv, input) ? im2col_conv1d(*h.conv, input, h.conv_pad_left, h.conv_pad_right)
                                                       : h.conv->forward(input));
            break;
        case kBatchNorm1d: *out = wrap(h.bn->forward(input)); break;
        case kLayerNorm: *out = wrap(h.ln->forward(input)); break;
        default: throw std::invalid_argument("this module needs its own forward (recurrent or attention)");
    }
    CP_CATCH
}

// LSTM and GRU. h0/c0 may be null (zeros). c0/cn are ignored for GRU.
CP_EXPORT int32_t cp_rnn_forward(CpModule* m, const at::Tensor* x, const at::Tensor* h0, const at::Tensor* c0,
                                 at::Tensor** out, at::Tensor** hn, at::Tensor** cn) {
    *out = nullptr;
    *hn = nullptr;
    *cn = nullptr;
    CP_TRY
    auto& h = mod(m);
    const auto& input = ref(x);
    if (h.kind == kLstm) {
        c10::optional<std::tuple<at::Tensor, at::Tensor>> state;
        if (h0 != nullptr || c0 != nullptr) {
            if (h0 == nullptr || c0 == nullptr) throw std::invalid_argument("LSTM needs both h0 and c0, or neither");
            state = std::make_tuple(*h0, *c0);
        }
        if (cp::fused_lstm_applies(input, h.lstm->options)) {
            auto result = cp::fused_lstm(input, h0 == nullptr ? at::Tensor() : *h0, c0 == nullptr ? at::Tensor() : *c0,
                                         h.lstm->parameters(), h.lstm->options, h.lstm->is_training());
            *out = wrap(std::get<0>(result));
            *hn = wrap(std::get<1>(result));
            *cn = wrap(std::get<2>(result));
        } else {
            auto result = h.lstm->forward(input, state);
            *out = wrap(std::get<0>(result));
            *hn = wrap(std::get<0>(std::get<1>(result)));
            *cn = wrap(std::get<1>(std::get<1>(result)));
        }
    } else if (h.kind == kGru) {
        auto result = h0 == nullptr ? h.gru->forward(input) : h.gru->forward(input, *h0);
        *out = wrap(std::get<0>(result));
        *hn = wrap(std::get<1>(result));
    } else {
        throw std::invalid_argument("module is not recurrent");
    }
    CP_CATCH
}

// Inputs are [L, N, E] (libtorch has no batch_first for attention). attn_mask must be additive float.
CP_EXPORT int32_t cp_mha_forward(CpModule* m, const at::Tensor* q, const at::Tensor* k, const at::Tensor* v,
                                 const at::Tensor* key_padding_mask, int32_t need_weights, const at::Tensor* attn_mask,
                                 int32_t average_weights, at::Tensor** out, at::Tensor** weights) {
    *out = nullptr;
    *weights = nullptr;
    CP_TRY
    auto& h = mod(m);
    if (h.kind != kMha) throw std::invalid_argument("module is not MultiheadAttention");
    auto kpm = key_padding_mask == nullptr ? at::Tensor() : *key_padding_mask;
    auto mask = attn_mask == nullptr ? at::Tensor() : *attn_mask;
    if (mask.defined() && mask.scalar_type() == at::kBool)
        throw std::invalid_argument("attn_mask must be an additive float mask (0 / -inf); a bool mask is silently wrong in libtorch");
    auto result = h.mha->forward(ref(q), ref(k), ref(v), kpm, need_weights != 0, mask, average_weights != 0);
    *out = wrap(std::get<0>(result));
    *weights = wrap(std::get<1>(result));
    CP_CATCH
}

// ---- parameters, buffers, mode, device ------------------------------------------------------

CP_EXPORT int32_t cp_module_tensor_count(CpModule* m, int32_t buffers, int32_t* count) {
    *count = 0;
    CP_TRY
    auto& h = mod(m);
    *count = static_cast<int32_t>(buffers ? h.module->named_buffers().size() : h.module->named_parameters().size());
    CP_CATCH
}

// The name stays valid until the next call of this function on the same thread.
CP_EXPORT int32_t cp_module_tensor_at(CpModule* m, int32_t buffers, int32_t index, const char** name, at::Tensor** out) {
    *name = nullptr;
    *out = nullptr;
    CP_TRY
    auto& h = mod(m);
    auto items = buffers ? h.module->named_buffers() : h.module->named_parameters();
    if (index < 0 || static_cast<size_t>(index) >= items.size()) throw std::out_of_range("module tensor index out of range");
    auto& item = items[static_cast<size_t>(index)];
    *name = remember(item.key());
    *out = wrap(item.value());
    CP_CATCH
}

CP_EXPORT int32_t cp_module_train(CpModule* m, int32_t training) {
    CP_TRY mod(m).module->train(training != 0); CP_CATCH
}

CP_EXPORT int32_t cp_module_to(CpModule* m, int32_t device_type, int32_t device_index, int32_t dtype) {
    CP_TRY
    auto& h = mod(m);
    if (device_type >= 0) h.module->to(cp::device(device_type, device_index));
    if (dtype >= 0) h.module->to(cp::dtype(dtype));
    if (h.kind == kLstm) h.lstm->flatten_parameters();
    if (h.kind == kGru) h.gru->flatten_parameters();
    CP_CATCH
}

// ---- losses ---------------------------------------------------------------------------------
// kind: 0 MSE, 1 L1, 2 Huber(delta = param), 3 SmoothL1(beta = param), 4 cross-entropy (class weights, label
// smoothing = param), 5 BCE with logits (weight; pos_weight in extra), 6 NLL.
CP_EXPORT int32_t cp_loss(int32_t kind, const at::Tensor* input, const at::Tensor* target, const at::Tensor* weight,
                          const at::Tensor* extra, int32_t reduction, double param, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(input);
    const auto& y = ref(target);
    auto red = static_cast<int64_t>(cp::reduction(reduction));
    c10::optional<at::Tensor> w = weight == nullptr ? c10::optional<at::Tensor>() : c10::optional<at::Tensor>(*weight);
    c10::optional<at::Tensor> e = extra == nullptr ? c10::optional<at::Tensor>() : c10::optional<at::Tensor>(*extra);
    if (kind <= 3 && !x.sizes().equals(y.sizes()))
        throw std::invalid_argument("loss input shape " + c10::str(x.sizes()) + " differs from target shape " + c10::str(y.sizes()));
    at::Tensor r;
    switch (kind) {
        case 0: r = at::mse_loss(x, y, red); break;
        case 1: r = at::l1_loss(x, y, red); break;
        case 2: r = at::huber_loss(x, y, red, param); break;
        case 3: r = at::smooth_l1_loss(x, y, red, param); break;
        case 4: r = at::cross_entropy_loss(x, y, w, red, -100, param); break;
        case 5: r = at::binary_cross_entropy_with_logits(x, y, w, e, red); break;
        case 6: r = at::nll_loss(x, y, w, red, -100); break;
        default: throw std::invalid_argument("unknown loss kind " + std::to_string(kind));
    }
    *out = wrap(r);
    CP_CATCH
}

// ---- gradient clipping ----------------------------------------------------------------------

CP_EXPORT int32_t cp_clip_grad_norm(at::Tensor** params, int32_t count, double max_norm, double norm_type, double* total) {
    *total = 0;
    CP_TRY
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; i++) list.push_back(ref(params[i]));
    *total = torch::nn::utils::clip_grad_norm_(list, max_norm, norm_type);
    CP_CATCH
}

CP_EXPORT int32_t cp_conv1d_im2col_set(int32_t enabled) {
    CP_TRY im2col_conv_enabled.store(enabled != 0); CP_CATCH
}

CP_EXPORT int32_t cp_conv1d_im2col_get(int32_t* enabled) {
    *enabled = 0;
    CP_TRY *enabled = im2col_conv_enabled.load() ? 1 : 0; CP_CATCH
}
