#include "common.h"

namespace {
thread_local std::string last_error;
}

namespace cp {

std::atomic<int64_t> live_tensors{0};

void set_error(const char* message) { last_error = message == nullptr ? "unknown error" : message; }
void clear_error() { last_error.clear(); }

}  // namespace cp

// Valid until the next bridge call on this thread; the caller copies it at once.
CP_EXPORT const char* cp_last_error() { return last_error.c_str(); }
