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

#include <string>
#include <vector>

namespace specedit::core {

inline constexpr double kLikeNone = 0.05;

struct ClassProposal {
    std::size_t row = 0;   // the query row
    std::string className; // empty: like none of the classes
    double confidence = 0; // 0..1
};

// features: one row per label, all of one length; classes: each row's class, empty for the
// rows to propose a class for. Throws Error when there is no reference row (no class given)
// or rows differ in length; k >= 1 (fewer references than k: all of them vote).
std::vector<ClassProposal> proposeClasses(const std::vector<std::vector<double>>& features,
                                          const std::vector<std::string>& classes, int k = 5);

} // namespace specedit::core
