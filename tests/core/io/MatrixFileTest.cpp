// Text matrices as other tools write them (io/MatrixFile): pandas' to_csv puts a header line of
// column names and an index column (row labels) before the numbers; a header of names alone is
// skipped; MATLAB text and plain numbers are read as they are.

#include "io/MatrixFile.h"

#include "TestUtil.h"

#include <gtest/gtest.h>
#include <string>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

Matrix readString(const TempDir& dir, const std::string& name, const std::string& text) {
    const auto path = dir.file(name);
    specedit::test::writeBytes(path, text.data(), text.size());
    return readMatrix(path);
}

} // namespace

TEST(MatrixFile, PandasHeaderAndIndexColumnAreNotData) {
    TempDir dir;
    const Matrix m = readString(dir, "pd.csv", ",0,1,2\n0,0.5,1.5,2.5\n1,3.5,4.5,5.5\n");
    EXPECT_EQ(m.rows, 2);
    ASSERT_EQ(m.cols, 3);
    EXPECT_EQ(m.values, (std::vector<double>{0.5, 1.5, 2.5, 3.5, 4.5, 5.5}));
    // A European spreadsheet's pandas export: ';' between fields, decimal commas.
    const Matrix eu = readString(dir, "eu.csv", ";0;1\n0;0,5;1,5\n1;2,5;3,5\n");
    ASSERT_EQ(eu.cols, 2);
    EXPECT_EQ(eu.values, (std::vector<double>{0.5, 1.5, 2.5, 3.5}));
}

TEST(MatrixFile, AHeaderOfNamesIsSkippedAndNumbersStayData) {
    TempDir dir;
    const Matrix named = readString(dir, "named.csv", "t0,t1,t2\n0,7,8\n1,9,10\n");
    ASSERT_EQ(named.cols, 3); // no empty first field: the first column is data
    EXPECT_EQ(named.values, (std::vector<double>{0, 7, 8, 1, 9, 10}));
    const Matrix plain = readString(dir, "plain.csv", "0,7,8\n1,9,10\n");
    EXPECT_EQ(plain.rows, 2);
    EXPECT_EQ(plain.cols, 3);
    const Matrix matlab = readString(dir, "m.txt", "S = [1 2; 3 4];\n");
    EXPECT_EQ(matlab.values, (std::vector<double>{1, 2, 3, 4}));
}

// DataFrame(Z, index=f_hz, columns=t_s).to_csv(): the index holds frequencies, not 0, 1, 2, and
// may have a name above it; either way it is labels.
TEST(MatrixFile, APandasIndexOfFrequenciesIsDroppedNamedOrNot) {
    TempDir dir;
    const Matrix unnamed = readString(dir, "u.csv", ",0.0,0.016\n0.0,1,2\n40.0,3,4\n80.0,5,6\n");
    EXPECT_EQ(unnamed.rows, 3);
    ASSERT_EQ(unnamed.cols, 2);
    EXPECT_EQ(unnamed.values, (std::vector<double>{1, 2, 3, 4, 5, 6}));
    const Matrix named = readString(dir, "n.csv", "freq,0.0,0.016\n0.0,1,2\n40.0,3,4\n");
    ASSERT_EQ(named.cols, 2);
    EXPECT_EQ(named.values, (std::vector<double>{1, 2, 3, 4}));
    // a named first column whose values are no labels (not monotonic) is data
    const Matrix data = readString(dir, "d.csv", "x,1,2\n0.5,1,2\n0.2,3,4\n0.9,5,6\n");
    ASSERT_EQ(data.cols, 3);
    EXPECT_EQ(data.values, (std::vector<double>{0.5, 1, 2, 0.2, 3, 4, 0.9, 5, 6}));
}

TEST(MatrixFile, TextInTheNumbersIsNamedWithItsLine) {
    TempDir dir;
    try {
        (void)readString(dir, "bad.csv", "t0,t1\n1,2\n3,x\n");
        ADD_FAILURE() << "text in the numbers was read";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("bad.csv: line 3: 'x' is not a number"),
                  std::string::npos)
            << e.what();
    }
}

// An empty field between two commas is named where it is: it read "line 4 has 632 values, the
// first row 633" for a row of 633 fields, one of them empty.
TEST(MatrixFile, AnEmptyFieldIsNamedWhereItIs) {
    TempDir dir;
    try {
        (void)readString(dir, "gap.csv", "1,2,3,4\n5,6,7,8\n9,10,,12\n");
        ADD_FAILURE() << "an empty field was read";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("gap.csv: line 3, value 3 is empty (expected a "
                                             "number in every field, 4 in a row as in the first)"),
                  std::string::npos)
            << e.what();
    }
    // A short row without an empty field still gives the counts.
    try {
        (void)readString(dir, "short.csv", "1,2,3\n4,5\n");
        ADD_FAILURE() << "a short row was read";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("line 2 has 2 values, the first row 3"),
                  std::string::npos)
            << e.what();
    }
}
