#pragma once
// FFTW plans made once and executed from any thread with FFTW's new-array API.
//
// Plan creation is serialised by fftw_make_planner_thread_safe() (called once); execution of
// one plan on different arrays is thread-safe in FFTW. Arrays passed to execute must be
// allocated by AlignedBuffer (fftw_malloc), because new-array execution requires the same
// alignment as the planning arrays. Unnormalised transforms, as FFTW defines them.
//
// Planning rigour: FFTW_MEASURE up to kMeasureLimit points (up to ~3 s at 40000 points, but
// 25 % faster there than FFTW_ESTIMATE), FFTW_ESTIMATE above it. Measured plans are remembered
// as FFTW wisdom in $XDG_CACHE_HOME/specedit (or ~/.cache/specedit), so later runs plan in
// microseconds.

#include <complex>
#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>

namespace specedit::core {

// A fixed-size array from fftw_malloc. Not copyable; movable.
template <typename T> class AlignedBuffer {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    AlignedBuffer() = default;
    explicit AlignedBuffer(std::size_t n) { resize(n); }
    void resize(std::size_t n);
    T* data() { return m_data.get(); }
    const T* data() const { return m_data.get(); }
    std::size_t size() const { return m_size; }
    T& operator[](std::size_t i) { return m_data[i]; }
    const T& operator[](std::size_t i) const { return m_data[i]; }

private:
    struct Free {
        void operator()(T* p) const;
    };
    std::unique_ptr<T[], Free> m_data;
    std::size_t m_size = 0;
};

enum class FftKind {
    RealForward,    // n real -> n/2+1 complex
    RealInverse,    // n/2+1 complex -> n real (input may be overwritten)
    ComplexForward, // n complex -> n complex, exp(-2 pi i k n / N)
    ComplexInverse  // n complex -> n complex, exp(+2 pi i k n / N)
};

template <typename Real> class FftPlan {
    static_assert(std::is_same_v<Real, float> || std::is_same_v<Real, double>);

public:
    using Complex = std::complex<Real>;
    static constexpr int kMeasureLimit = 65536;

    FftPlan(FftKind kind, int n);
    ~FftPlan();
    FftPlan(const FftPlan&) = delete;
    FftPlan& operator=(const FftPlan&) = delete;

    int size() const { return m_n; }
    FftKind kind() const { return m_kind; }
    // Any thread. Arrays from AlignedBuffer, sized for the kind; always out of place (in and
    // out must not alias: the plans were made out of place).
    void execute(const Real* in, Complex* out) const;    // RealForward
    void execute(Complex* in, Real* out) const;          // RealInverse
    void execute(const Complex* in, Complex* out) const; // ComplexForward / ComplexInverse

private:
    FftKind m_kind;
    int m_n;
    void* m_plan = nullptr;
};

} // namespace specedit::core

namespace specedit::core {

// FFTW's version string ("fftw-3.3.10-sse2-avx..."), for About boxes. Any thread.
std::string fftwVersion();

} // namespace specedit::core
