#pragma once
// FFT plans for the feature extractors, one per (kind, size), made on first use and kept for
// the owner's lifetime, so a dataset of thousands of bursts plans each power-of-two size once.
// Double precision: features such as the symbol rate are asked to better than 1 %. One owner
// per thread (get() is not synchronised; executing the returned plan is thread-safe).

#include "dsp/FftPlan.h"

#include <complex>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace specedit::core {

class FeaturePlans {
public:
    const FftPlan<double>& get(FftKind kind, int n);

    // In-place convenience over aligned scratch: data.size() must be n (complex, any kind of
    // complex transform).
    void transform(FftKind kind, std::vector<std::complex<double>>& data);

private:
    std::map<std::pair<int, int>, std::unique_ptr<FftPlan<double>>> m_plans;
    AlignedBuffer<std::complex<double>> m_in, m_out;
};

// The smallest power of two >= n (n >= 1).
int nextPow2(std::int64_t n);

} // namespace specedit::core
