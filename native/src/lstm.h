// LSTM for CPU as one autograd node per layer and direction (see lstm.cpp); used by cp_rnn_forward.
#pragma once

#include "common.h"

#include <torch/nn/modules/rnn.h>

#include <atomic>
#include <tuple>
#include <vector>

namespace cp {

// On by default; cp_lstm_fused_set(0) falls back to libtorch's LSTM everywhere (for comparisons).
extern std::atomic<bool> fused_lstm_enabled;

bool fused_lstm_applies(const at::Tensor& input, const torch::nn::LSTMOptions& options);

// Same contract as torch::nn::LSTM's forward: weights as the module's parameters() (per layer and direction:
// w_ih, w_hh, then b_ih, b_hh when there is a bias); h0/c0 may be undefined (zeros). Returns output, h_n, c_n.
std::tuple<at::Tensor, at::Tensor, at::Tensor> fused_lstm(const at::Tensor& input, const at::Tensor& h0, const at::Tensor& c0,
                                                          const std::vector<at::Tensor>& weights,
                                                          const torch::nn::LSTMOptions& options, bool training);

}  // namespace cp
