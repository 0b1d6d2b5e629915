// Optimizers (Adam, AdamW, SGD with momentum) written over ATen ops with the same update rules as
// torch.optim, so that their state is ours: per parameter position, readable and restorable, and
// identical across libtorch 1.13 and 2.x (libtorch's own optimizer archives are not: see notes).
#include "common.h"

#include <ATen/core/grad_mode.h>

#include <cmath>

using cp::ref;
using cp::wrap;

namespace {

enum Kind : int32_t { kAdam = 0, kAdamW = 1, kSgd = 2 };

struct ParamState {
    int64_t step = 0;
    at::Tensor exp_avg;         // Adam: first moment;  SGD: momentum buffer
    at::Tensor exp_avg_sq;      // Adam: second moment
    at::Tensor max_exp_avg_sq;  // Adam with amsgrad
};

struct Optimizer {
    Kind kind;
    std::vector<at::Tensor> params;
    std::vector<ParamState> state;
    double lr, beta1, beta2, eps, weight_decay, momentum, dampening;
    bool amsgrad, nesterov;
};

Optimizer& opt(Optimizer* o) {
    if (o == nullptr) throw std::invalid_argument("null optimizer handle");
    return *o;
}

void check(bool ok, const std::string& message) {
    if (!ok) throw std::invalid_argument(message);
}

void adam_step(Optimizer& o, size_t i) {
    auto& p = o.params[i];
    if (!p.grad().defined()) return;
    auto grad = p.grad();
    auto& s = o.state[i];
    if (s.step == 0) {
        s.exp_avg = at::zeros_like(p, at::MemoryFormat::Preserve);
        s.exp_avg_sq = at::zeros_like(p, at::MemoryFormat::Preserve);
        if (o.amsgrad) s.max_exp_avg_sq = at::zeros_like(p, at::MemoryFormat::Preserve);
    }
    s.step += 1;
    if (o.weight_decay != 0) {
        if (o.kind == kAdamW) p.mul_(1 - o.lr * o.weight_decay);
        else grad = grad.add(p, o.weight_decay);
    }
    auto bias_correction1 = 1 - std::pow(o.beta1, static_cast<double>(s.step));
    auto bias_correction2 = 1 - std::pow(o.beta2, static_cast<double>(s.step));
    s.exp_avg.mul_(o.beta1).add_(grad, 1 - o.beta1);
    s.exp_avg_sq.mul_(o.beta2).addcmul_(grad, grad, 1 - o.beta2);
    at::Tensor denom;
    if (o.amsgrad) {
        at::maximum_out(s.max_exp_avg_sq, s.max_exp_avg_sq, s.exp_avg_sq);
        denom = (s.max_exp_avg_sq.sqrt() / std::sqrt(bias_correction2)).add_(o.eps);
    } else {
        denom = (s.exp_avg_sq.sqrt() / std::sqrt(bias_correction2)).add_(o.eps);
    }
    p.addcdiv_(s.exp_avg, denom, -o.lr / bias_correction1);
}

void sgd_step(Optimizer& o, size_t i) {
    auto& p = o.params[i];
    if (!p.grad().defined()) return;
    auto d_p = p.grad();
    auto& s = o.state[i];
    if (o.weight_decay != 0) d_p = d_p.add(p, o.weight_decay);
    if (o.momentum != 0) {
        if (!s.exp_avg.defined()) {
            s.exp_avg = d_p.clone().detach();
        } else {
            s.exp_avg.mul_(o.momentum).add_(d_p, 1 - o.dampening);
        }
        d_p = o.nesterov ? d_p.add(s.exp_avg, o.momentum) : s.exp_avg;
    }
    s.step += 1;
    p.add_(d_p, -o.lr);
}

}  // namespace

CP_EXPORT int32_t cp_optim_new(int32_t kind, at::Tensor** params, int32_t count, double lr, double beta1, double beta2,
                               double eps, double weight_decay, double momentum, double dampening, int32_t amsgrad,
                               int32_t nesterov, Optimizer** out) {
    *out = nullptr;
    CP_TRY
    check(kind >= kAdam && kind <= kSgd, "unknown optimizer kind " + std::to_string(kind));
    check(count > 0, "an optimizer needs at least one parameter");
    check(lr >= 0, "invalid learning rate: " + std::to_string(lr));
    check(eps >= 0, "invalid epsilon: " + std::to_string(eps));
    check(beta1 >= 0 && beta1 < 1, "invalid beta1: " + std::to_string(beta1));
    check(beta2 >= 0 && beta2 < 1, "invalid beta2: " + std::to_string(beta2));
    check(weight_decay >= 0, "invalid weight decay: " + std::to_string(weight_decay));
    check(momentum >= 0, "invalid momentum: " + std::to_string(momentum));
    check(!nesterov || (momentum > 0 && dampening == 0), "nesterov momentum requires a momentum and zero dampening");
    auto o = std::make_unique<Optimizer>();
    o->kind = static_cast<Kind>(kind);
    for (int32_t i = 0; i < count; i++) o->params.push_back(ref(params[i]));
    o->state.resize(static_cast<size_t>(count));
    o->lr = lr;
    o->beta1 = beta1;
    o->beta2 = beta2;
    o->eps = eps;
    o->weight_decay = weight_decay;
    o->momentum = momentum;
    o->dampening = dampening;
    o->amsgrad = amsgrad != 0;
    o->nesterov = nesterov != 0;
    *out = o.release();
    CP_CATCH
}

CP_EXPORT void cp_optim_free(Optimizer* o) { delete o; }

CP_EXPORT int32_t cp_optim_step(Optimizer* o) {
    CP_TRY
    auto& x = opt(o);
    at::NoGradGuard guard;
    for (size_t i = 0; i < x.params.size(); i++) {
        if (x.kind == kSgd) sgd_step(x, i);
        else adam_step(x, i);
    }
    CP_CATCH
}

// Sets every gradient to undefined (set_to_none), the same in 1.13 and 2.x.
CP_EXPORT int32_t cp_optim_zero_grad(Optimizer* o) {
    CP_TRY
    for (auto& p : opt(o).params) {
        if (p.grad().defined()) p.mutable_grad() = at::Tensor();
    }
    CP_CATCH
}

CP_EXPORT int32_t cp_optim_get_lr(Optimizer* o, double* lr) {
    *lr = 0;
    CP_TRY *lr = opt(o).lr; CP_CATCH
}

CP_EXPORT int32_t cp_optim_set_lr(Optimizer* o, double lr) {
    CP_TRY
    check(lr >= 0, "invalid learning rate: " + std::to_string(lr));
    opt(o).lr = lr;
    CP_CATCH
}

CP_EXPORT int32_t cp_optim_param_count(Optimizer* o, int32_t* count) {
    *count = 0;
    CP_TRY *count = static_cast<int32_t>(opt(o).params.size()); CP_CATCH
}

// State of parameter i: its step count and up to three tensors (null where not created yet).
CP_EXPORT int32_t cp_optim_get_state(Optimizer* o, int32_t index, int64_t* step, at::Tensor** t0, at::Tensor** t1,
                                     at::Tensor** t2) {
    *step = 0;
    *t0 = *t1 = *t2 = nullptr;
    CP_TRY
    auto& x = opt(o);
    check(index >= 0 && static_cast<size_t>(index) < x.state.size(), "optimizer parameter index out of range");
    const auto& s = x.state[static_cast<size_t>(index)];
    *step = s.step;
    *t0 = wrap(s.exp_avg);
    *t1 = wrap(s.exp_avg_sq);
    *t2 = wrap(s.max_exp_avg_sq);
    CP_CATCH
}

// Restores the state of parameter i (tensors are copied onto the parameter's device and checked for shape).
CP_EXPORT int32_t cp_optim_set_state(Optimizer* o, int32_t index, int64_t step, const at::Tensor* t0, const at::Tensor* t1,
                                     const at::Tensor* t2) {
    CP_TRY
    auto& x = opt(o);
    check(index >= 0 && static_cast<size_t>(index) < x.state.size(), "optimizer parameter index out of range");
    const auto& p = x.params[static_cast<size_t>(index)];
    auto load = [&](const at::Tensor* src, const char* what) -> at::Tensor {
        if (src == nullptr) return at::Tensor();
        if (!src->sizes().equals(p.sizes()))
            throw std::invalid_argument(std::string("optimizer state '") + what + "' has shape " + c10::str(src->sizes()) +
                                        " but the parameter has shape " + c10::str(p.sizes()));
        return src->detach().to(p.device(), p.scalar_type()).clone();
    };
    ParamState s;
    s.step = step;
    s.exp_avg = load(t0, "exp_avg");
    s.exp_avg_sq = load(t1, "exp_avg_sq");
    s.max_exp_avg_sq = load(t2, "max_exp_avg_sq");
    x.state[static_cast<size_t>(index)] = std::move(s);
    CP_CATCH
}
