#pragma once
// "Label similar": a class for each unclassified or proposed burst from its nearest labelled
// neighbours in feature space (k-nearest-neighbour vote; Cover & Hart 1967).
//
// Every feature is standardised over all rows (z = (x - mean) / standard deviation; a value
// that could not be measured (NaN) counts as the mean, a column without spread is left out),
// so no feature wins by its unit. A query row's k nearest reference rows (Euclidean distance)
// vote with weight 1 / (d + 1e-9); the class with the most weight wins. Its confidence is its
// share of the weight times how typical the row is of it, exp(-d^2 / (8 s^2)): d the distance
// to the class's nearest reference, s the class's spread (the median distance from each of its
// references to its nearest fellow; for a class of one reference, the median distance from the
// query rows to their nearest reference). So a burst unlike every example is not 100 % sure
// just because one class was given (0.88 at d = s, 0.14 at 4 s); below kLikeNone (about
// d = 5 s) it gets no class at all.
//
// With column groups, each group weighs as one feature does (its columns scaled by one over
// the square root of its size): the 26 MFCCs and 66 scattering coefficients outvoted the
// handful of timing and modulation features, and a tester's FSK burst lay nearest an OOK one.
// With a kind per row (the modulation guess), rows of different kinds lie as far apart as two
// unrelated groups make them (a squared distance of 4: two standardised columns of unrelated
// rows differ by 2 in the mean square).

#include <string>
#include <vector>

namespace specedit::core {

inline constexpr double kLikeNone = 0.05;

struct ClassProposal {
    std::size_t row = 0;   // the query row
    std::string className; // empty: like none of the classes
    double confidence = 0; // 0..1
};

struct SimilarOptions {
    int k = 5;                      // >= 1; fewer references than k: all of them vote
    std::vector<int> columnGroups;  // each feature column's group; empty: a group per column
    std::vector<std::string> kinds; // each row's kind ("" unknown); empty: not used
};

// features: one row per label, all of one length; classes: each row's class, empty for the
// rows to propose a class for. Throws Error when there is no reference row (no class given),
// rows differ in length, or groups or kinds do not match the features in count.
std::vector<ClassProposal> proposeClasses(const std::vector<std::vector<double>>& features,
                                          const std::vector<std::string>& classes,
                                          const SimilarOptions& options);
inline std::vector<ClassProposal> proposeClasses(const std::vector<std::vector<double>>& features,
                                                 const std::vector<std::string>& classes,
                                                 int k = 5) {
    return proposeClasses(features, classes, SimilarOptions{k, {}, {}});
}

} // namespace specedit::core
