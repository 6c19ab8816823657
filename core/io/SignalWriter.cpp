#include "io/SignalWriter.h"

#include "io/AtomicFile.h"
#include "io/Npy.h"
#include "io/RawIqSource.h"
#include "io/WavAuxi.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sndfile.h>
#include <vector>

namespace specedit::core {
namespace {

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

std::int64_t countClipped(const float* v, std::size_t n) {
    std::int64_t c = 0;
    for (std::size_t i = 0; i < n; ++i)
        c += (v[i] > 1.0f || v[i] < -1.0f || std::isnan(v[i])) ? 1 : 0;
    return c;
}

} // namespace

std::string outputContainerFor(const std::string& path) {
    const std::string ext = lowerExtension(path);
    for (const char* e : {".wav", ".rf64", ".w64", ".flac", ".aiff", ".aif", ".ogg"})
        if (ext == e)
            return "sound";
    for (const char* e :
         {".cf32", ".cfile", ".fc32", ".cf64", ".cs16", ".sc16", ".cs8", ".cu8", ".raw", ".iq"})
        if (ext == e)
            return "raw";
    if (ext == ".sigmf-meta" || ext == ".sigmf-data")
        return "sigmf";
    if (ext == ".npy")
        return "npy";
    return "";
}

SampleType parseSampleType(const std::string& text) {
    if (text == "int16")
        return SampleType::Int16;
    if (text == "float32")
        return SampleType::Float32;
    if (text == "int8")
        return SampleType::Int8;
    if (text == "uint8")
        return SampleType::UInt8;
    if (text == "int24")
        return SampleType::Int24;
    if (text == "int32")
        return SampleType::Int32;
    if (text == "float64")
        return SampleType::Float64;
    throw Error("--sample-type", "unknown sample type '" + text + "'",
                "int16, float32, int8, uint8, int24, int32 or float64");
}

class SignalWriter::Impl {
public:
    virtual ~Impl() = default;
    virtual void write(const float* v, std::int64_t frames) = 0;
    virtual void finish() = 0;
    virtual std::string datatype() const = 0;
    std::string path;
    int channels = 1;
    std::int64_t clipped = 0;
    std::int64_t frames = 0;
    bool integerOutput = true;
};

namespace {

// Sound file headers hold the rate as a whole number of hertz.
void checkWholeHertz(const std::string& path, double rate) {
    if (!(rate >= 1 && rate <= 2147483647.0) || std::abs(rate - std::round(rate)) > 1e-6)
        throw Error(ErrorKind::Usage, path,
                    "sound files store whole-hertz sample rates; this signal is at " +
                        exactNumber(rate) + " Hz",
                    "a raw (.cf32) or SigMF (.sigmf-meta) output, which keep any rate");
}

int sndfileSubtype(SampleType t, const std::string& path) {
    switch (t) {
    case SampleType::Int16:
        return SF_FORMAT_PCM_16;
    case SampleType::Int24:
        return SF_FORMAT_PCM_24;
    case SampleType::Int32:
        return SF_FORMAT_PCM_32;
    case SampleType::Float32:
        return SF_FORMAT_FLOAT;
    case SampleType::Float64:
        return SF_FORMAT_DOUBLE;
    case SampleType::UInt8:
        return SF_FORMAT_PCM_U8;
    case SampleType::Int8:
        return SF_FORMAT_PCM_S8;
    default:
        throw Error(path, "cannot store this sample type", "int16, int24, int32 or float32");
    }
}

int sndfileMajor(const std::string& ext) {
    if (ext == ".wav" || ext == ".rf64")
        return SF_FORMAT_RF64; // downgraded to plain WAV below 4 GiB (SFC_RF64_AUTO_DOWNGRADE)
    if (ext == ".w64")
        return SF_FORMAT_W64;
    if (ext == ".flac")
        return SF_FORMAT_FLAC;
    if (ext == ".ogg")
        return SF_FORMAT_OGG;
    return SF_FORMAT_AIFF;
}

class SoundWriter final : public SignalWriter::Impl {
public:
    SoundWriter(const std::string& target, const SignalInfo& like, SampleType type)
        : m_file(target) {
        path = target;
        channels = like.channels;
        const std::string ext = lowerExtension(target);
        checkWholeHertz(target, like.sampleRate);
        SF_INFO info{};
        info.samplerate = int(std::lround(like.sampleRate));
        info.channels = like.channels;
        const int major = sndfileMajor(ext);
        info.format =
            major | (major == SF_FORMAT_OGG ? SF_FORMAT_VORBIS : sndfileSubtype(type, target));
        if (major == SF_FORMAT_FLAC && like.sampleRate > 655350)
            throw Error(ErrorKind::Usage, target,
                        "flac stores sample rates up to 655350 Hz; this signal is at " +
                            std::to_string(int(like.sampleRate)) + " Hz",
                        "a .wav, .cf32 or .sigmf-meta output");
        if (major == SF_FORMAT_FLAC && (type == SampleType::Float32 || type == SampleType::Float64))
            info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_24;
        const int sub = info.format & SF_FORMAT_SUBMASK;
        integerOutput = sub != SF_FORMAT_FLOAT && sub != SF_FORMAT_DOUBLE;
        if (!sf_format_check(&info))
            throw Error(ErrorKind::Usage, target,
                        ext.substr(1) + " cannot store " + std::to_string(like.channels) +
                            " channel(s) of " + toString(type) + " at " +
                            std::to_string(info.samplerate) + " Hz",
                        "another --sample-type (int16, float32), or a .wav, .cf32 or "
                        ".sigmf-meta output");
        m_sf = sf_open(m_file.tempPath().c_str(), SFM_WRITE, &info);
        if (!m_sf)
            throw Error(target, std::string("cannot write: ") + sf_strerror(nullptr),
                        "a writable path");
        if (major == SF_FORMAT_RF64 && ext == ".wav")
            sf_command(m_sf, SFC_RF64_AUTO_DOWNGRADE, nullptr, SF_TRUE);
        sf_command(m_sf, SFC_SET_CLIPPING, nullptr, SF_TRUE);
        m_desc = ext.substr(1) + (integerOutput ? " pcm" : " float");
        if (like.kind == SignalKind::Iq && major == SF_FORMAT_RF64)
            addAuxi(like);
    }
    ~SoundWriter() override {
        if (m_sf)
            sf_close(m_sf);
    }
    void write(const float* v, std::int64_t n) override {
        if (integerOutput)
            clipped += countClipped(v, std::size_t(n * channels));
        if (sf_writef_float(m_sf, v, n) != n)
            throw Error(path, std::string("write failed: ") + sf_strerror(m_sf), "free disk space");
        frames += n;
    }
    void finish() override {
        const int err = sf_close(m_sf);
        m_sf = nullptr;
        if (err != 0)
            throw Error(path, std::string("could not finish the file: ") + sf_error_number(err),
                        "free disk space and a writable folder");
        m_file.commit();
    }
    std::string datatype() const override { return m_desc; }

private:
    void addAuxi(const SignalInfo& like) {
        m_auxi = like.auxiChunk;
        if (m_auxi.empty() && like.centerFrequency)
            m_auxi = makeSdrunoAuxi(*like.centerFrequency, like.sampleRate, like.startTime,
                                    like.duration());
        if (m_auxi.empty())
            return;
        SF_CHUNK_INFO chunk{};
        std::memcpy(chunk.id, "auxi", 4);
        chunk.id_size = 4;
        chunk.datalen = unsigned(m_auxi.size());
        chunk.data = m_auxi.data();
        if (sf_set_chunk(m_sf, &chunk) != SF_ERR_NO_ERROR)
            throw Error(path, "cannot add the auxi chunk", "a WAV output");
    }

    AtomicFile m_file;
    SNDFILE* m_sf = nullptr;
    std::vector<std::uint8_t> m_auxi;
    std::string m_desc;
};

class RawWriter : public SignalWriter::Impl {
public:
    RawWriter(const std::string& target, const std::string& dataPath, RawLayout layout, int ch)
        : m_file(dataPath), m_layout(layout) {
        path = target;
        channels = ch;
        m_layout.headerBytes = 0;
        m_layout.payloadBytes.reset();
        integerOutput = layout.type != SampleType::Float32 && layout.type != SampleType::Float64;
        m_out = std::fopen(m_file.tempPath().c_str(), "wb");
        if (!m_out)
            throw Error(dataPath, "cannot write: " + std::string(std::strerror(errno)),
                        "a writable path");
    }
    ~RawWriter() override {
        if (m_out)
            std::fclose(m_out);
    }
    void write(const float* v, std::int64_t n) override {
        const std::size_t values = std::size_t(n * channels);
        m_bytes.resize(values * bytesPerValue(m_layout.type));
        clipped += std::int64_t(encodeSamples(v, values, m_layout, m_bytes.data()));
        if (std::fwrite(m_bytes.data(), 1, m_bytes.size(), m_out) != m_bytes.size())
            throw Error(path, "write failed: " + std::string(std::strerror(errno)),
                        "free disk space");
        frames += n;
    }
    void finish() override {
        closeData();
        m_file.commit();
    }
    std::string datatype() const override { return sigmfDatatypeName(m_layout); }

protected:
    void closeData() {
        const bool ok = std::fclose(m_out) == 0;
        m_out = nullptr;
        if (!ok)
            throw Error(path, "could not flush the file", "free disk space");
    }

    AtomicFile m_file;
    RawLayout m_layout;
    std::FILE* m_out = nullptr;
    std::vector<std::uint8_t> m_bytes;
};

class SigmfWriter final : public RawWriter {
public:
    SigmfWriter(const std::string& base, RawLayout layout, const SignalInfo& like)
        : RawWriter(base + ".sigmf-data", base + ".sigmf-data", layout, like.channels),
          m_metaFile(base + ".sigmf-meta"), m_like(like) {}
    // Both files are complete on disk before either is renamed into place.
    void finish() override {
        closeData();
        {
            std::ofstream out(m_metaFile.tempPath(), std::ios::trunc);
            out << metadata().dump(2) << '\n';
            if (!out.flush())
                throw Error(m_metaFile.target(), "could not write the metadata", "free disk space");
        }
        m_file.commit();
        m_metaFile.commit();
    }

private:
    nlohmann::json metadata() const {
        nlohmann::json meta =
            m_like.sigmfMeta.is_object() ? m_like.sigmfMeta : nlohmann::json::object();
        auto& global = meta["global"];
        global["core:datatype"] = sigmfDatatypeName(m_layout);
        global["core:sample_rate"] = m_like.sampleRate;
        global.erase("core:sha512");
        global.erase("core:dataset");
        global.erase("core:trailing_bytes");
        global.erase("core:num_channels");
        if (!global.contains("core:version"))
            global["core:version"] = "1.0.0";
        if (!meta.contains("captures") || !meta["captures"].is_array() || meta["captures"].empty())
            meta["captures"] = nlohmann::json::array({nlohmann::json::object()});
        for (auto& cap : meta["captures"])
            cap.erase("core:header_bytes");
        meta["captures"][0]["core:sample_start"] = 0;
        if (m_like.centerFrequency)
            meta["captures"][0]["core:frequency"] = *m_like.centerFrequency;
        if (!m_like.startTime.empty())
            meta["captures"][0]["core:datetime"] = m_like.startTime;
        if (!meta.contains("annotations"))
            meta["annotations"] = nlohmann::json::array();
        return meta;
    }

    AtomicFile m_metaFile;
    SignalInfo m_like;
};

// A numpy array (numpy stores no rate): 1-D complex64 for I/Q, 1-D float32 for one channel,
// frames x channels for more; complex128 / float64 when float64 is asked for or the source
// holds it.
class NpyOutput final : public SignalWriter::Impl {
public:
    NpyOutput(const std::string& target, const SignalInfo& like, std::optional<SampleType> t)
        : m_iq(like.kind == SignalKind::Iq),
          m_double(t.value_or(like.sampleType) == SampleType::Float64) {
        path = target;
        channels = like.channels;
        integerOutput = false;
        if (t && *t != SampleType::Float32 && *t != SampleType::Float64)
            throw Error(target, ".npy output cannot hold " + toString(*t),
                        "float32 or float64 (numpy arrays of samples at full scale 1)");
        m_type = m_iq ? (m_double ? NpyType::Complex128 : NpyType::Complex64)
                      : (m_double ? NpyType::Float64 : NpyType::Float32);
        std::vector<std::int64_t> shape{kNpyGrowing};
        if (!m_iq && channels > 1)
            shape.push_back(channels);
        m_npy = std::make_unique<NpyWriter>(target, m_type, shape, false);
    }
    void write(const float* v, std::int64_t n) override {
        const auto values = std::size_t(n) * std::size_t(channels);
        if (m_double)
            m_wide.assign(v, v + values);
        if (m_iq && m_double)
            m_npy->append(reinterpret_cast<const std::complex<double>*>(m_wide.data()), values / 2);
        else if (m_iq)
            m_npy->append(reinterpret_cast<const std::complex<float>*>(v), values / 2);
        else if (m_double)
            m_npy->append(m_wide.data(), values);
        else
            m_npy->append(v, values);
        frames += n;
    }
    void finish() override { m_npy->finish(); }
    std::string datatype() const override { return "npy " + npyDescr(m_type); }

private:
    bool m_iq;
    bool m_double;
    NpyType m_type = NpyType::Float32;
    std::unique_ptr<NpyWriter> m_npy;
    std::vector<double> m_wide;
};

RawLayout rawLayoutFor(const std::string& path, const SignalInfo& like,
                       const std::optional<SampleType>& wanted) {
    RawLayout layout;
    if (auto fromExt = rawLayoutFromExtension(path))
        layout = *fromExt;
    else if (auto fromSource = rawLayoutFromName(like.datatype))
        layout = *fromSource;
    else
        layout.type =
            like.sampleType == SampleType::Float32 || like.sampleType == SampleType::Float64
                ? like.sampleType // a float source (a .npy of float64) stays float
                : SampleType::Int16;
    if (wanted)
        layout.type = *wanted;
    if (like.kind != SignalKind::Iq && rawLayoutFromExtension(path))
        throw Error(ErrorKind::Usage, path,
                    "this extension means complex (I/Q) samples but the signal is real audio",
                    "a sound file (.wav, .flac) or .raw / .sigmf-meta for real samples");
    layout.isComplex = like.kind == SignalKind::Iq;
    if (bytesPerValue(layout.type) == 0 || layout.type == SampleType::Int24)
        throw Error(path, "raw output cannot hold " + toString(layout.type),
                    "int8, uint8, int16, int32, float32 or float64");
    return layout;
}

std::unique_ptr<SignalWriter::Impl> makeImpl(const std::string& path, const SignalInfo& like,
                                             const WriterOptions& options) {
    const std::string container = outputContainerFor(path);
    if (container.empty())
        throw Error(path, "unknown output file type '" + lowerExtension(path) + "'",
                    ".wav, .flac, .ogg, .aiff, .w64, .rf64, .cf32, .cs16, .cs8, .cu8, .cf64, "
                    ".sigmf-meta, .npy");
    if (container == "sound") {
        SampleType type = options.sampleType.value_or(like.sampleType);
        if (!options.sampleType && (type == SampleType::Other || type == SampleType::Int8))
            type = SampleType::Int16;
        if (like.kind == SignalKind::Iq && like.channels != 2)
            throw Error(path, "IQ output needs 2 channels", "I and Q");
        return std::make_unique<SoundWriter>(path, like, type);
    }
    if (container == "raw") {
        if (like.kind != SignalKind::Iq && like.channels != 1)
            throw Error(path,
                        "raw output of a " + std::to_string(like.channels) + "-channel audio file",
                        "a sound file (.wav, .flac) for multichannel audio");
        return std::make_unique<RawWriter>(path, path, rawLayoutFor(path, like, options.sampleType),
                                           like.channels);
    }
    if (container == "npy")
        return std::make_unique<NpyOutput>(path, like, options.sampleType);
    if (like.kind != SignalKind::Iq && like.channels != 1)
        throw Error(path, "SigMF output of multichannel audio", "one channel or IQ");
    const std::string base = path.substr(0, path.size() - std::string(".sigmf-meta").size());
    return std::make_unique<SigmfWriter>(base, rawLayoutFor(base + ".x", like, options.sampleType),
                                         like);
}

} // namespace

// The files a writer for `path` creates: a SigMF pair, or the one file.
static std::vector<std::string> targetsOf(const std::string& path) {
    if (outputContainerFor(path) != "sigmf")
        return {path};
    const std::string base = path.substr(0, path.size() - std::string(".sigmf-meta").size());
    return {base + ".sigmf-meta", base + ".sigmf-data"};
}

SignalWriter::SignalWriter(const std::string& path, const SignalInfo& like,
                           const WriterOptions& options) {
    for (const auto& target : targetsOf(path))
        for (const auto& source : like.files)
            refuseToOverwrite(target, source);
    m_impl = makeImpl(path, like, options);
}

SignalWriter::~SignalWriter() = default;
void SignalWriter::write(const float* v, std::int64_t frames) {
    m_impl->write(v, frames);
}
void SignalWriter::finish() {
    m_impl->finish();
}
std::int64_t SignalWriter::clippedValues() const {
    return m_impl->clipped;
}
std::int64_t SignalWriter::framesWritten() const {
    return m_impl->frames;
}
const std::string& SignalWriter::path() const {
    return m_impl->path;
}
std::string SignalWriter::datatype() const {
    return m_impl->datatype();
}

} // namespace specedit::core
