#include "features/Similar.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace specedit::core {
namespace {

using Matrix = std::vector<std::vector<double>>;

// Columns standardised, scaled by one over the square root of their group's size (counted
// among the columns kept); columns without spread removed.
Matrix standardise(const Matrix& rows, const std::vector<int>& groups) {
    const std::size_t cols = rows.empty() ? 0 : rows[0].size();
    Matrix out(rows.size());
    std::vector<int> kept;
    for (std::size_t c = 0; c < cols; ++c) {
        double sum = 0, sq = 0;
        std::size_t n = 0;
        for (const auto& r : rows)
            if (std::isfinite(r[c])) {
                sum += r[c];
                sq += r[c] * r[c];
                ++n;
            }
        if (n == 0)
            continue;
        const double mean = sum / double(n);
        const double sd = std::sqrt(std::max(0.0, sq / double(n) - mean * mean));
        if (!(sd > 1e-12 * std::max(1.0, std::abs(mean))))
            continue;
        kept.push_back(groups.empty() ? int(c) : groups[c]);
        for (std::size_t i = 0; i < rows.size(); ++i)
            out[i].push_back(std::isfinite(rows[i][c]) ? (rows[i][c] - mean) / sd : 0.0);
    }
    std::map<int, int> size;
    for (int g : kept)
        ++size[g];
    for (auto& row : out)
        for (std::size_t c = 0; c < row.size(); ++c)
            row[c] /= std::sqrt(double(size[kept[c]]));
    return out;
}

// A column per kind: sqrt(2) where the row is of it, so two rows of different known kinds
// are sqrt(4) apart in these columns (one of unknown kind, sqrt(2) from any).
void addKinds(Matrix& z, const std::vector<std::string>& kinds) {
    std::vector<std::string> names;
    for (const auto& k : kinds)
        if (!k.empty() && std::find(names.begin(), names.end(), k) == names.end())
            names.push_back(k);
    for (std::size_t i = 0; i < z.size(); ++i)
        for (const auto& name : names)
            z[i].push_back(kinds[i] == name ? std::sqrt(2.0) : 0.0);
}

double distance(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += (a[i] - b[i]) * (a[i] - b[i]);
    return std::sqrt(s);
}

ClassProposal vote(const Matrix& z, const std::vector<std::string>& classes,
                   const std::vector<std::size_t>& refs, std::size_t row, int k) {
    std::vector<std::pair<double, std::size_t>> near;
    for (std::size_t r : refs)
        near.emplace_back(distance(z[row], z[r]), r);
    const std::size_t keep = std::min<std::size_t>(std::size_t(k), near.size());
    std::partial_sort(near.begin(), near.begin() + std::ptrdiff_t(keep), near.end());
    std::map<std::string, double> weight;
    double total = 0;
    for (std::size_t i = 0; i < keep; ++i) {
        const double w = 1.0 / (near[i].first + 1e-9);
        weight[classes[near[i].second]] += w;
        total += w;
    }
    const auto best =
        std::max_element(weight.begin(), weight.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    return {row, best->first, best->second / total};
}

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// The distance from z[row] to the nearest of `refs` of class `name` (any class when empty),
// `row` itself left out.
double nearestOf(const Matrix& z, const std::vector<std::string>& classes,
                 const std::vector<std::size_t>& refs, std::size_t row, const std::string& name) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r : refs)
        if (r != row && (name.empty() || classes[r] == name))
            best = std::min(best, distance(z[row], z[r]));
    return best;
}

// How far apart a class's references typically lie: the median distance from each to its
// nearest fellow. A class of one reference takes `fallback`.
std::map<std::string, double> spreads(const Matrix& z, const std::vector<std::string>& classes,
                                      const std::vector<std::size_t>& refs, double fallback) {
    std::map<std::string, std::vector<double>> gaps;
    for (std::size_t r : refs)
        if (const double d = nearestOf(z, classes, refs, r, classes[r]); std::isfinite(d))
            gaps[classes[r]].push_back(d);
    std::map<std::string, double> out;
    for (std::size_t r : refs) {
        const double s = median(gaps[classes[r]]);
        out[classes[r]] = s > 0 ? s : fallback;
    }
    return out;
}

} // namespace

std::vector<ClassProposal> proposeClasses(const Matrix& features,
                                          const std::vector<std::string>& classes,
                                          const SimilarOptions& options) {
    if (features.size() != classes.size())
        throw Error("label similar", "features and classes differ in count", "one class per row");
    for (const auto& r : features)
        if (r.size() != features[0].size())
            throw Error("label similar", "feature rows differ in length", "rows of one length");
    if (!options.columnGroups.empty() && !features.empty() &&
        options.columnGroups.size() != features[0].size())
        throw Error("label similar", "column groups and features differ in count",
                    "a group per feature column");
    if (!options.kinds.empty() && options.kinds.size() != features.size())
        throw Error("label similar", "kinds and rows differ in count", "a kind per row");
    const int k = options.k;
    std::vector<std::size_t> refs, queries;
    for (std::size_t i = 0; i < classes.size(); ++i)
        (classes[i].empty() ? queries : refs).push_back(i);
    if (refs.empty())
        throw Error("label similar", "no burst has a class to compare with",
                    "at least one label with a class (confirmed)");
    Matrix z = standardise(features, options.columnGroups);
    if (!options.kinds.empty())
        addKinds(z, options.kinds);
    std::vector<double> nearest;
    for (std::size_t q : queries)
        nearest.push_back(nearestOf(z, classes, refs, q, {}));
    const double fallback = median(nearest) > 0 ? median(nearest) : 1.0;
    const auto spread = spreads(z, classes, refs, fallback);
    std::vector<ClassProposal> out;
    for (std::size_t q : queries) {
        ClassProposal p = vote(z, classes, refs, q, std::max(1, k));
        const double d = nearestOf(z, classes, refs, q, p.className) / (2 * spread.at(p.className));
        p.confidence *= std::exp(-0.5 * d * d);
        if (p.confidence < kLikeNone)
            p = {q, {}, 0.0};
        out.push_back(p);
    }
    return out;
}

} // namespace specedit::core
