// Dropout whose CPU keep-mask is drawn by a fast counter-based generator (see dropout.cpp); used by cp_dropout.
#pragma once

#include "common.h"

namespace cp {

at::Tensor dropout(const at::Tensor& input, double p, bool training);

}  // namespace cp
