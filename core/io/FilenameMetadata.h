#pragma once
// Metadata that SDR recorders put into file names, used when the file itself says nothing:
//   SDRuno_20220309_140138Z_1kHz.wav             SDRSharp_20220309_140138Z_100000000Hz_IQ.wav
//   HDSDR_20220309_140138Z_7050kHz_RF.wav        gqrx_20220309_140138_100000000_2000000_fc.raw
//   capture_100.5MHz_2.4Msps.cu8                 rtl_433.92M_2Msps.cu8
// A token is a run of characters between '_', ' ', '-', ',', ';', '(', ')', '[' and ']' in the
// name without its directory and extension (which starts with a letter). Recognised tokens:
//   <number><Hz|kHz|MHz|GHz>        centre frequency (case-insensitive)
//   <number><sps|ksps|Msps|Gsps>    sample rate (case-insensitive)
//   <number><M|G>                   a bare quantity (rtl_433 writes g001_433.92M_250k.cu8 and
//                                   rec_1090M_2M.cu8): with two of them, the first is the centre
//                                   and the second the rate; alone, a centre from 70 MHz on and a
//                                   rate below (rec_2.4M_x.cu8)
//   <number>k                       sample rate in thousands (rtl_433's "250k")
//   cf32 cs16 cs8 cu8 ci16_le ...   the sample type (any name rawLayoutFromName accepts)
//   <number>MHz with a sample type  in a raw name that gives a type and no other rate
//   and no other rate               (capture_4MHz_cf32.iq), the sample rate if below 70 MHz
//   <YYYYMMDD> <HHMMSS>Z            start time in UTC (without Z the zone is unknown: ignored)
// gqrx names (gqrx_<date>_<time>_<centre Hz>_<rate>_fc) give centre, rate and UTC time.
// A quantity given twice with different values is ambiguous and left unset. Bare numbers,
// dates and times are never read as frequencies.

#include <optional>
#include <string>
#include <string_view>

namespace specedit::core {

struct FilenameHints {
    std::optional<double> centerFrequency; // Hz
    std::optional<double> sampleRate;      // samples per second
    std::string startTime;                 // ISO 8601 UTC ("2022-03-09T14:01:38Z"), or empty
    std::string sampleFormat;              // a sample-type token as written ("cf32"), or empty

    bool empty() const {
        return !centerFrequency && !sampleRate && startTime.empty() && sampleFormat.empty();
    }
};

// Reads the hints in a file name (a path is accepted; only its last component is used).
// Pure function, any thread, never throws.
FilenameHints parseRecorderFilename(std::string_view fileName);

} // namespace specedit::core
