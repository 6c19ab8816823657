#include "dsp/FftPlan.h"

#include "util/Error.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fftw3.h>
#include <filesystem>
#include <mutex>
#include <string>
#include <unistd.h>

namespace specedit::core {
namespace {

// FFTW's planner is not thread-safe; its threads library can make it so (once per process).
// The planner and its wisdom are global inside FFTW, so the once-flag and the wisdom mutex
// are the only process-wide state here.
std::once_flag g_plannerSafe;
std::mutex g_fftwMutex;

// Wisdom (FFTW's record of measured plans) is kept between runs in the user's cache folder,
// so FFTW_MEASURE costs its ~0.1 s per size once per machine, not once per run.
std::string wisdomPath(const char* name) {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path dir;
    if (xdg && *xdg)
        dir = xdg;
    else if (home && *home)
        dir = std::filesystem::path(home) / ".cache";
    else
        return {};
    return (dir / "specedit" / name).string();
}

void importWisdom() {
    const std::string f = wisdomPath("fftw3f.wisdom");
    const std::string d = wisdomPath("fftw3.wisdom");
    if (!f.empty())
        fftwf_import_wisdom_from_filename(f.c_str()); // a missing or stale file is ignored
    if (!d.empty())
        fftw_import_wisdom_from_filename(d.c_str());
}

// Best effort: the cache is an optimisation, so a read-only home just skips it. Written to a
// temporary name and renamed, so concurrent runs never read a half-written file.
template <typename ExportFn> void exportWisdom(const char* name, ExportFn exportFn) {
    const std::string path = wisdomPath(name);
    if (path.empty())
        return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const std::string temp = path + ".tmp" + std::to_string(::getpid());
    if (exportFn(temp.c_str()))
        std::rename(temp.c_str(), path.c_str());
    else
        std::remove(temp.c_str());
}

void makePlannerThreadSafe() {
    std::call_once(g_plannerSafe, [] {
        fftw_make_planner_thread_safe();
        fftwf_make_planner_thread_safe();
        std::lock_guard lock(g_fftwMutex);
        importWisdom();
    });
}

unsigned planFlags(int n) {
    return (n <= FftPlan<float>::kMeasureLimit ? FFTW_MEASURE : FFTW_ESTIMATE);
}

template <typename Real> struct Fftw;

template <> struct Fftw<float> {
    using Plan = fftwf_plan;
    using C = fftwf_complex;
    static void* malloc(std::size_t bytes) { return fftwf_malloc(bytes); }
    static void free(void* p) { fftwf_free(p); }
    static Plan make(FftKind kind, int n) {
        auto* r = static_cast<float*>(fftwf_malloc(sizeof(float) * std::size_t(n)));
        auto* c = static_cast<C*>(fftwf_malloc(sizeof(C) * std::size_t(n)));
        auto* c2 = static_cast<C*>(fftwf_malloc(sizeof(C) * std::size_t(n)));
        Plan p = nullptr;
        if (!r || !c || !c2) {
            fftwf_free(r);
            fftwf_free(c);
            fftwf_free(c2);
            throw std::bad_alloc();
        }
        const unsigned f = planFlags(n);
        switch (kind) {
        case FftKind::RealForward:
            p = fftwf_plan_dft_r2c_1d(n, r, c, f);
            break;
        case FftKind::RealInverse:
            p = fftwf_plan_dft_c2r_1d(n, c, r, f);
            break;
        case FftKind::ComplexForward:
            p = fftwf_plan_dft_1d(n, c, c2, FFTW_FORWARD, f);
            break;
        case FftKind::ComplexInverse:
            p = fftwf_plan_dft_1d(n, c, c2, FFTW_BACKWARD, f);
            break;
        }
        fftwf_free(r);
        fftwf_free(c);
        fftwf_free(c2);
        return p;
    }
    static void destroy(void* p) { fftwf_destroy_plan(static_cast<Plan>(p)); }
    static void saveWisdom() {
        exportWisdom("fftw3f.wisdom",
                     [](const char* file) { return fftwf_export_wisdom_to_filename(file) != 0; });
    }
    static void r2c(void* p, const float* in, std::complex<float>* out) {
        fftwf_execute_dft_r2c(static_cast<Plan>(p), const_cast<float*>(in),
                              reinterpret_cast<C*>(out));
    }
    static void c2r(void* p, std::complex<float>* in, float* out) {
        fftwf_execute_dft_c2r(static_cast<Plan>(p), reinterpret_cast<C*>(in), out);
    }
    static void c2c(void* p, const std::complex<float>* in, std::complex<float>* out) {
        fftwf_execute_dft(static_cast<Plan>(p),
                          reinterpret_cast<C*>(const_cast<std::complex<float>*>(in)),
                          reinterpret_cast<C*>(out));
    }
};

template <> struct Fftw<double> {
    using Plan = fftw_plan;
    using C = fftw_complex;
    static void* malloc(std::size_t bytes) { return fftw_malloc(bytes); }
    static void free(void* p) { fftw_free(p); }
    static Plan make(FftKind kind, int n) {
        auto* r = static_cast<double*>(fftw_malloc(sizeof(double) * std::size_t(n)));
        auto* c = static_cast<C*>(fftw_malloc(sizeof(C) * std::size_t(n)));
        auto* c2 = static_cast<C*>(fftw_malloc(sizeof(C) * std::size_t(n)));
        Plan p = nullptr;
        if (!r || !c || !c2) {
            fftw_free(r);
            fftw_free(c);
            fftw_free(c2);
            throw std::bad_alloc();
        }
        const unsigned f = planFlags(n);
        switch (kind) {
        case FftKind::RealForward:
            p = fftw_plan_dft_r2c_1d(n, r, c, f);
            break;
        case FftKind::RealInverse:
            p = fftw_plan_dft_c2r_1d(n, c, r, f);
            break;
        case FftKind::ComplexForward:
            p = fftw_plan_dft_1d(n, c, c2, FFTW_FORWARD, f);
            break;
        case FftKind::ComplexInverse:
            p = fftw_plan_dft_1d(n, c, c2, FFTW_BACKWARD, f);
            break;
        }
        fftw_free(r);
        fftw_free(c);
        fftw_free(c2);
        return p;
    }
    static void destroy(void* p) { fftw_destroy_plan(static_cast<Plan>(p)); }
    static void saveWisdom() {
        exportWisdom("fftw3.wisdom",
                     [](const char* file) { return fftw_export_wisdom_to_filename(file) != 0; });
    }
    static void r2c(void* p, const double* in, std::complex<double>* out) {
        fftw_execute_dft_r2c(static_cast<Plan>(p), const_cast<double*>(in),
                             reinterpret_cast<C*>(out));
    }
    static void c2r(void* p, std::complex<double>* in, double* out) {
        fftw_execute_dft_c2r(static_cast<Plan>(p), reinterpret_cast<C*>(in), out);
    }
    static void c2c(void* p, const std::complex<double>* in, std::complex<double>* out) {
        fftw_execute_dft(static_cast<Plan>(p),
                         reinterpret_cast<C*>(const_cast<std::complex<double>*>(in)),
                         reinterpret_cast<C*>(out));
    }
};

template <typename T>
using RealOf =
    std::conditional_t<std::is_same_v<T, float> || std::is_same_v<T, std::complex<float>>, float,
                       double>;

} // namespace

template <typename T> void AlignedBuffer<T>::Free::operator()(T* p) const {
    Fftw<RealOf<T>>::free(p);
}

template <typename T> void AlignedBuffer<T>::resize(std::size_t n) {
    if (n == m_size)
        return;
    m_data.reset(n ? static_cast<T*>(Fftw<RealOf<T>>::malloc(sizeof(T) * n)) : nullptr);
    if (n && !m_data)
        throw std::bad_alloc();
    m_size = n;
}

template <typename Real> FftPlan<Real>::FftPlan(FftKind kind, int n) : m_kind(kind), m_n(n) {
    if (n < 1)
        throw Error("--nfft", "FFT size " + std::to_string(n) + " is not positive", "nfft >= 1");
    makePlannerThreadSafe();
    // One lock for planning, destroying and exporting wisdom: FFTW's export walks the wisdom
    // table without the planner's own lock.
    std::lock_guard lock(g_fftwMutex);
    const auto start = std::chrono::steady_clock::now();
    m_plan = Fftw<Real>::make(kind, n);
    // A plan that took measurable time was new to the wisdom: keep it for the next run.
    if (m_plan && std::chrono::steady_clock::now() - start > std::chrono::milliseconds(5))
        Fftw<Real>::saveWisdom();
    if (!m_plan)
        throw Error("FFTW", "could not plan a transform of " + std::to_string(n) + " points",
                    "a plannable size");
}

template <typename Real> FftPlan<Real>::~FftPlan() {
    if (!m_plan)
        return;
    std::lock_guard lock(g_fftwMutex);
    Fftw<Real>::destroy(m_plan);
}

template <typename Real> void FftPlan<Real>::execute(const Real* in, Complex* out) const {
    Fftw<Real>::r2c(m_plan, in, out);
}
template <typename Real> void FftPlan<Real>::execute(Complex* in, Real* out) const {
    Fftw<Real>::c2r(m_plan, in, out);
}
template <typename Real> void FftPlan<Real>::execute(const Complex* in, Complex* out) const {
    Fftw<Real>::c2c(m_plan, in, out);
}

template class AlignedBuffer<float>;
template class AlignedBuffer<double>;
template class AlignedBuffer<std::complex<float>>;
template class AlignedBuffer<std::complex<double>>;
template class FftPlan<float>;
template class FftPlan<double>;

} // namespace specedit::core

namespace specedit::core {

std::string fftwVersion() {
    return fftwf_version;
}

} // namespace specedit::core
