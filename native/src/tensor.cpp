// Tensors: creation, read-back, metadata, autograd and the element-wise / shape / reduction ops.
// Ops are grouped behind small integer codes (mirrored by Native/TensorOps.cs) to keep the ABI short.
#include "common.h"
#include "dropout.h"

#include <ATen/core/grad_mode.h>

#include <cstring>

using cp::ref;
using cp::wrap;

namespace {

template <typename T>
at::Tensor from_buffer(const T* data, int64_t length, const int64_t* shape, int32_t ndim, at::ScalarType type) {
    auto sizes = cp::dims(shape, ndim);
    int64_t numel = 1;
    for (auto s : sizes) {
        if (s < 0) throw std::invalid_argument("negative dimension in shape");
        numel *= s;
    }
    if (numel != length)
        throw std::invalid_argument("shape holds " + std::to_string(numel) + " elements but " + std::to_string(length) +
                                    " values were given");
    auto t = at::empty(sizes, at::TensorOptions().dtype(type));
    if (numel > 0) std::memcpy(t.data_ptr(), data, static_cast<size_t>(numel) * sizeof(T));
    return t;
}

template <typename T>
void to_buffer(const at::Tensor& t, T* dst, int64_t length, at::ScalarType type) {
    auto c = t.detach().to(at::kCPU, type).contiguous();
    if (c.numel() != length)
        throw std::invalid_argument("tensor has " + std::to_string(c.numel()) + " elements but the destination holds " +
                                    std::to_string(length));
    if (length > 0) std::memcpy(dst, c.data_ptr(), static_cast<size_t>(length) * sizeof(T));
}

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
    return at::TensorOptions().dtype(cp::dtype(dtype)).device(cp::device(device_type, device_index));
}

std::vector<at::Tensor> tensor_list(at::Tensor** items, int32_t count) {
    if (count <= 0 || items == nullptr) throw std::invalid_argument("an empty tensor list was given");
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; i++) list.push_back(ref(items[i]));
    return list;
}

}  // namespace

// ---- lifetime -------------------------------------------------------------------------------

CP_EXPORT void cp_tensor_free(at::Tensor* t) {
    if (t == nullptr) return;
    cp::live_tensors.fetch_sub(1, std::memory_order_relaxed);
    delete t;
}

CP_EXPORT int64_t cp_live_tensor_count() { return cp::live_tensors.load(std::memory_order_relaxed); }

// ---- creation -------------------------------------------------------------------------------

CP_EXPORT int32_t cp_tensor_from_f32(const float* data, int64_t length, const int64_t* shape, int32_t ndim, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(from_buffer(data, length, shape, ndim, at::kFloat)); CP_CATCH
}

CP_EXPORT int32_t cp_tensor_from_f64(const double* data, int64_t length, const int64_t* shape, int32_t ndim, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(from_buffer(data, length, shape, ndim, at::kDouble)); CP_CATCH
}

CP_EXPORT int32_t cp_tensor_from_i64(const int64_t* data, int64_t length, const int64_t* shape, int32_t ndim, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(from_buffer(data, length, shape, ndim, at::kLong)); CP_CATCH
}

CP_EXPORT int32_t cp_tensor_from_u8(const uint8_t* data, int64_t length, const int64_t* shape, int32_t ndim, int32_t as_bool,
                                    at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    auto t = from_buffer(data, length, shape, ndim, at::kByte);
    *out = wrap(as_bool ? t.to(at::kBool) : t);
    CP_CATCH
}

// kind: 0 zeros, 1 ones, 2 randn, 3 rand, 4 empty, 5 full(value)
CP_EXPORT int32_t cp_tensor_factory(int32_t kind, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type,
                                    int32_t device_index, double value, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    auto sizes = cp::dims(shape, ndim);
    auto opts = options(dtype, device_type, device_index);
    at::Tensor t;
    switch (kind) {
        case 0: t = at::zeros(sizes, opts); break;
        case 1: t = at::ones(sizes, opts); break;
        case 2: t = at::randn(sizes, opts); break;
        case 3: t = at::rand(sizes, opts); break;
        case 4: t = at::empty(sizes, opts); break;
        case 5: t = at::full(sizes, value, opts); break;
        default: throw std::invalid_argument("unknown factory kind");
    }
    *out = wrap(t);
    CP_CATCH
}

CP_EXPORT int32_t cp_tensor_arange(double start, double end, double step, int32_t dtype, int32_t device_type,
                                   int32_t device_index, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(at::arange(start, end, step, options(dtype, device_type, device_index))); CP_CATCH
}

// ---- read-back and metadata -----------------------------------------------------------------

CP_EXPORT int32_t cp_tensor_to_f32(const at::Tensor* t, float* dst, int64_t length) {
    CP_TRY to_buffer(ref(t), dst, length, at::kFloat); CP_CATCH
}

CP_EXPORT int32_t cp_tensor_to_f64(const at::Tensor* t, double* dst, int64_t length) {
    CP_TRY to_buffer(ref(t), dst, length, at::kDouble); CP_CATCH
}

CP_EXPORT int32_t cp_tensor_to_i64(const at::Tensor* t, int64_t* dst, int64_t length) {
    CP_TRY to_buffer(ref(t), dst, length, at::kLong); CP_CATCH
}

CP_EXPORT int32_t cp_tensor_to_u8(const at::Tensor* t, uint8_t* dst, int64_t length) {
    CP_TRY to_buffer(ref(t), dst, length, at::kByte); CP_CATCH
}

// info: [ndim, dtype code, device type, device index, requires_grad, numel, is_leaf]; shape up to 8 dims.
CP_EXPORT int32_t cp_tensor_info(const at::Tensor* t, int64_t* info, int64_t* shape, int32_t max_dims) {
    CP_TRY
    const auto& x = ref(t);
    auto nd = x.dim();
    info[0] = nd;
    info[1] = cp::dtype_code(x.scalar_type());
    info[2] = x.device().is_cuda() ? 1 : 0;
    info[3] = x.device().has_index() ? x.device().index() : 0;
    info[4] = x.requires_grad() ? 1 : 0;
    info[5] = x.numel();
    info[6] = x.is_leaf() ? 1 : 0;
    for (int64_t i = 0; i < nd && i < max_dims; i++) shape[i] = x.size(i);
    CP_CATCH
}

// ---- autograd -------------------------------------------------------------------------------

CP_EXPORT int32_t cp_tensor_set_requires_grad(at::Tensor* t, int32_t value) {
    CP_TRY
    if (t == nullptr) throw std::invalid_argument("null tensor handle");
    t->set_requires_grad(value != 0);
    CP_CATCH
}

CP_EXPORT int32_t cp_tensor_grad(const at::Tensor* t, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(ref(t).grad()); CP_CATCH
}

CP_EXPORT int32_t cp_tensor_backward(const at::Tensor* t, const at::Tensor* gradient, int32_t retain_graph) {
    CP_TRY
    at::Tensor g = gradient == nullptr ? at::Tensor() : *gradient;
    ref(t).backward(g, retain_graph != 0, false);
    CP_CATCH
}

CP_EXPORT int32_t cp_grad_mode_set(int32_t enabled, int32_t* previous) {
    CP_TRY
    *previous = at::GradMode::is_enabled() ? 1 : 0;
    at::GradMode::set_enabled(enabled != 0);
    CP_CATCH
}

// In-place writes used by optimizers, state loading and initialisation; always outside autograd.
// kind: 0 copy_(src), 1 zero_, 2 fill_(value), 3 uniform_(-value, value), 4 normal_(0, value)
CP_EXPORT int32_t cp_tensor_inplace(at::Tensor* t, const at::Tensor* src, int32_t kind, double value) {
    CP_TRY
    if (t == nullptr) throw std::invalid_argument("null tensor handle");
    at::NoGradGuard guard;
    switch (kind) {
        case 0: t->copy_(ref(src)); break;
        case 1: t->zero_(); break;
        case 2: t->fill_(value); break;
        case 3: t->uniform_(-value, value); break;
        case 4: t->normal_(0.0, value); break;
        default: throw std::invalid_argument("unknown in-place kind");
    }
    CP_CATCH
}

// ---- conversions ----------------------------------------------------------------------------

CP_EXPORT int32_t cp_tensor_to(const at::Tensor* t, int32_t device_type, int32_t device_index, int32_t dtype, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(t);
    auto type = dtype < 0 ? x.scalar_type() : cp::dtype(dtype);
    auto dev = device_type < 0 ? x.device() : cp::device(device_type, device_index);
    *out = wrap(x.to(dev, type));
    CP_CATCH
}

// ---- unary ops ------------------------------------------------------------------------------

CP_EXPORT int32_t cp_unary(int32_t op, const at::Tensor* t, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(t);
    at::Tensor r;
    switch (op) {
        case 0: r = at::neg(x); break;
        case 1: r = at::abs(x); break;
        case 2: r = at::sqrt(x); break;
        case 3: r = at::exp(x); break;
        case 4: r = at::log(x); break;
        case 5: r = at::relu(x); break;
        case 6: r = at::gelu(x); break;
        case 7: r = at::tanh(x); break;
        case 8: r = at::sigmoid(x); break;
        case 9: r = at::softplus(x); break;
        case 10: r = x.contiguous(); break;
        case 11: r = x.clone(); break;
        case 12: r = x.detach(); break;
        case 13: r = at::square(x); break;
        case 14: r = at::sign(x); break;
        case 15: r = at::isnan(x); break;
        case 16: r = at::logical_not(x); break;
        case 17: r = at::floor(x); break;
        case 18: r = at::round(x); break;
        case 19: r = at::reciprocal(x); break;
        case 20: r = at::log1p(x); break;
        case 21: r = at::isfinite(x); break;
        default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
    }
    *out = wrap(r);
    CP_CATCH
}

// ---- binary ops -----------------------------------------------------------------------------

CP_EXPORT int32_t cp_binary(int32_t op, const at::Tensor* a, const at::Tensor* b, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(a);
    const auto& y = ref(b);
    at::Tensor r;
    switch (op) {
        case 0: r = at::add(x, y); break;
        case 1: r = at::sub(x, y); break;
        case 2: r = at::mul(x, y); break;
        case 3: r = at::div(x, y); break;
        case 4: r = at::matmul(x, y); break;
        case 5: r = at::bmm(x, y); break;
        case 6: r = at::pow(x, y); break;
        case 7: r = at::maximum(x, y); break;
        case 8: r = at::minimum(x, y); break;
        case 9: r = at::eq(x, y); break;
        case 10: r = at::ne(x, y); break;
        case 11: r = at::lt(x, y); break;
        case 12: r = at::le(x, y); break;
        case 13: r = at::gt(x, y); break;
        case 14: r = at::ge(x, y); break;
        case 15: r = at::logical_and(x, y); break;
        case 16: r = at::logical_or(x, y); break;
        default: throw std::invalid_argument("unknown binary op " + std::to_string(op));
    }
    *out = wrap(r);
    CP_CATCH
}

CP_EXPORT int32_t cp_binary_scalar(int32_t op, const at::Tensor* a, double s, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(a);
    at::Tensor r;
    switch (op) {
        case 0: r = at::add(x, s); break;
        case 1: r = at::sub(x, s); break;
        case 2: r = at::mul(x, s); break;
        case 3: r = at::div(x, s); break;
        case 6: r = at::pow(x, s); break;
        case 9: r = at::eq(x, s); break;
        case 10: r = at::ne(x, s); break;
        case 11: r = at::lt(x, s); break;
        case 12: r = at::le(x, s); break;
        case 13: r = at::gt(x, s); break;
        case 14: r = at::ge(x, s); break;
        case 17: r = at::rsub(x, s); break;
        default: throw std::invalid_argument("unknown scalar op " + std::to_string(op));
    }
    *out = wrap(r);
    CP_CATCH
}

// clamp: has_min/has_max select which bounds apply.
CP_EXPORT int32_t cp_clamp(const at::Tensor* t, int32_t has_min, double min, int32_t has_max, double max, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    c10::optional<at::Scalar> lo = has_min ? c10::optional<at::Scalar>(min) : c10::nullopt;
    c10::optional<at::Scalar> hi = has_max ? c10::optional<at::Scalar>(max) : c10::nullopt;
    *out = wrap(at::clamp(ref(t), lo, hi));
    CP_CATCH
}

CP_EXPORT int32_t cp_where(const at::Tensor* cond, const at::Tensor* a, const at::Tensor* b, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(at::where(ref(cond), ref(a), ref(b))); CP_CATCH
}

CP_EXPORT int32_t cp_masked_fill(const at::Tensor* t, const at::Tensor* mask, double value, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(ref(t).masked_fill(ref(mask), value)); CP_CATCH
}

// ---- reductions -----------------------------------------------------------------------------
// op: 0 sum, 1 mean, 2 max (values), 3 min (values), 4 argmax, 5 argmin, 6 std (unbiased flag in `unbiased`),
// 7 var, 8 logsumexp, 9 prod, 10 any, 11 all. ndims = 0 reduces over everything.
CP_EXPORT int32_t cp_reduce(int32_t op, const at::Tensor* t, const int64_t* dims, int32_t ndims, int32_t keepdim,
                            int32_t unbiased, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(t);
    auto d = cp::dims(dims, ndims);
    bool keep = keepdim != 0;
    bool all = d.empty();
    auto single = [&]() {
        if (d.size() != 1) throw std::invalid_argument("this reduction takes exactly one dimension");
        return d[0];
    };
    at::Tensor r;
    switch (op) {
        case 0: r = all ? x.sum() : x.sum(d, keep); break;
        case 1: r = all ? x.mean() : x.mean(d, keep); break;
        case 2: r = all ? x.max() : std::get<0>(x.max(single(), keep)); break;
        case 3: r = all ? x.min() : std::get<0>(x.min(single(), keep)); break;
        case 4: r = all ? x.argmax() : x.argmax(single(), keep); break;
        case 5: r = all ? x.argmin() : x.argmin(single(), keep); break;
        case 6: r = all ? x.std(unbiased != 0) : x.std(at::IntArrayRef(d), unbiased != 0, keep); break;
        case 7: r = all ? x.var(unbiased != 0) : x.var(at::IntArrayRef(d), unbiased != 0, keep); break;
        case 8: r = x.logsumexp(all ? std::vector<int64_t>{} : d, keep); break;
        case 9: r = all ? x.prod() : x.prod(single(), keep); break;
        case 10: r = all ? x.any() : x.any(single(), keep); break;
        case 11: r = all ? x.all() : x.all(single(), keep); break;
        default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
    }
    *out = wrap(r);
    CP_CATCH
}

// op: 0 softmax, 1 log_softmax, 2 cumsum
CP_EXPORT int32_t cp_dim_op(int32_t op, const at::Tensor* t, int64_t dim, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(t);
    at::Tensor r;
    switch (op) {
        case 0: r = at::softmax(x, dim); break;
        case 1: r = at::log_softmax(x, dim); break;
        case 2: r = at::cumsum(x, dim); break;
        default: throw std::invalid_argument("unknown dim op " + std::to_string(op));
    }
    *out = wrap(r);
    CP_CATCH
}

// ---- shape ops ------------------------------------------------------------------------------
// op: 0 reshape(shape), 1 view(shape), 2 permute(dims), 3 expand(shape)
CP_EXPORT int32_t cp_shape_op(int32_t op, const at::Tensor* t, const int64_t* shape, int32_t ndim, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(t);
    auto s = cp::dims(shape, ndim);
    at::Tensor r;
    switch (op) {
        case 0: r = x.reshape(s); break;
        case 1: r = x.view(s); break;
        case 2: r = x.permute(s); break;
        case 3: r = x.expand(s); break;
        default: throw std::invalid_argument("unknown shape op " + std::to_string(op));
    }
    *out = wrap(r);
    CP_CATCH
}

// op: 0 transpose(a, b), 1 unsqueeze(a), 2 squeeze(a) (a = INT64_MIN squeezes all), 3 flatten(a, b),
//     4 narrow(dim a, start b, length c), 5 select(dim a, index b), 6 slice(dim a, start b, end c, step d),
//     8 tril(diagonal a), 9 triu(diagonal a)
CP_EXPORT int32_t cp_index_op(int32_t op, const at::Tensor* t, int64_t a, int64_t b, int64_t c, int64_t d, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(t);
    at::Tensor r;
    switch (op) {
        case 0: r = x.transpose(a, b); break;
        case 1: r = x.unsqueeze(a); break;
        case 2: r = a == INT64_MIN ? x.squeeze() : x.squeeze(a); break;
        case 3: r = x.flatten(a, b); break;
        case 4: r = x.narrow(a, b, c); break;
        case 5: r = x.select(a, b); break;
        case 6: r = x.slice(a, b, c, d); break;
        case 8: r = x.tril(a); break;
        case 9: r = x.triu(a); break;
        default: throw std::invalid_argument("unknown index op " + std::to_string(op));
    }
    *out = wrap(r);
    CP_CATCH
}

CP_EXPORT int32_t cp_index_select(const at::Tensor* t, int64_t dim, const at::Tensor* index, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(at::index_select(ref(t), dim, ref(index))); CP_CATCH
}

CP_EXPORT int32_t cp_gather(const at::Tensor* t, int64_t dim, const at::Tensor* index, at::Tensor** out) {
    *out = nullptr;
    CP_TRY *out = wrap(at::gather(ref(t), dim, ref(index))); CP_CATCH
}

// op: 0 cat, 1 stack
CP_EXPORT int32_t cp_join(int32_t op, at::Tensor** items, int32_t count, int64_t dim, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    auto list = tensor_list(items, count);
    *out = wrap(op == 0 ? at::cat(list, dim) : at::stack(list, dim));
    CP_CATCH
}

// Splits into chunks of `size` along dim; writes up to `capacity` handles and the real count.
CP_EXPORT int32_t cp_split(const at::Tensor* t, int64_t size, int64_t dim, at::Tensor** outs, int32_t capacity, int32_t* count) {
    *count = 0;
    CP_TRY
    auto parts = ref(t).split(size, dim);
    if (static_cast<int64_t>(parts.size()) > capacity)
        throw std::invalid_argument("split yields " + std::to_string(parts.size()) + " parts, more than the " +
                                    std::to_string(capacity) + " expected");
    for (size_t i = 0; i < parts.size(); i++) outs[i] = wrap(parts[i]);
    *count = static_cast<int32_t>(parts.size());
    CP_CATCH
}

// ---- functional layers ----------------------------------------------------------------------

CP_EXPORT int32_t cp_dropout(const at::Tensor* t, double p, int32_t training, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    *out = wrap(cp::dropout(ref(t), p, training != 0));
    CP_CATCH
}

// op: 0 adaptive_avg_pool1d(output a), 1 adaptive_max_pool1d(output a), 2 avg_pool1d(kernel a, stride b),
//     3 max_pool1d(kernel a, stride b). Input [N, C, L].
CP_EXPORT int32_t cp_pool1d(int32_t op, const at::Tensor* t, int64_t a, int64_t b, at::Tensor** out) {
    *out = nullptr;
    CP_TRY
    const auto& x = ref(t);
    at::Tensor r;
    switch (op) {
        case 0: r = at::adaptive_avg_pool1d(x, {a}); break;
        case 1: r = std::get<0>(at::adaptive_max_pool1d(x, {a})); break;
        case 2: r = at::avg_pool1d(x, {a}, {b}); break;
        case 3: r = at::max_pool1d(x, {a}, {b}); break;
        default: throw std::invalid_argument("unknown pooling op " + std::to_string(op));
    }
    *out = wrap(r);
    CP_CATCH
}
