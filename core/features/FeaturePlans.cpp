#include "features/FeaturePlans.h"

#include <algorithm>

namespace specedit::core {

const FftPlan<double>& FeaturePlans::get(FftKind kind, int n) {
    auto& slot = m_plans[{int(kind), n}];
    if (!slot)
        slot = std::make_unique<FftPlan<double>>(kind, n);
    return *slot;
}

void FeaturePlans::transform(FftKind kind, std::vector<std::complex<double>>& data) {
    const int n = int(data.size());
    const auto& plan = get(kind, n);
    if (m_in.size() < data.size()) {
        m_in.resize(data.size());
        m_out.resize(data.size());
    }
    std::copy(data.begin(), data.end(), m_in.data());
    plan.execute(m_in.data(), m_out.data());
    std::copy(m_out.data(), m_out.data() + n, data.begin());
}

int nextPow2(std::int64_t n) {
    int p = 1;
    while (p < n)
        p *= 2;
    return p;
}

} // namespace specedit::core
