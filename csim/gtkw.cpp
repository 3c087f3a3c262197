// GTKWave save file generation (see gtkw.h).
#include "gtkw.h"

#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace {

// waves/mmu.gtkw as a string literal, made by csim/csim.mk.
const char kTemplate[] =
#include "mmu_gtkw.inc"
    ;

// Layout of the template: SST pane and signal-name pane widths, in pixels.
constexpr unsigned kSstWidth = 40, kSignalsWidth = 400, kFrame = 30;

std::string absolute(const std::string &path)
{
    if (!path.empty() && path[0] == '/')
        return path;
    char buf[PATH_MAX];
    if (char *r = realpath(path.c_str(), buf))
        return r;
    if (getcwd(buf, sizeof buf))  // not there yet (the save file itself)
        return std::string(buf) + "/" + path;
    return path;
}

bool starts(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

bool is_group_flag(const std::string &s)
{
    return s == "@800200" || s == "@c00200" || s == "@1000200" || s == "@1401200";
}

// Where this binary's GTKWave filters are (waves/waves.mk installs them in <binary dir>/gtkw).
std::string default_filter_dir()
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return "";
    std::string exe(buf, size_t(n));
    return exe.substr(0, exe.rfind('/')) + "/gtkw";
}

// A filter line of the template, "^N path" (translate filter file N) or "^>N path" (process
// filter N): the same filter in dir, or false if the line is not one.
bool filter_line(const std::string &line, const std::string &dir, std::string &out, std::string &file)
{
    if (!starts(line, "^"))
        return false;
    size_t sp = line.find(' ');
    if (sp == std::string::npos)
        return false;
    std::string path = line.substr(sp + 1);
    file = dir + "/" + path.substr(path.rfind('/') + 1);
    out = line.substr(0, sp + 1) + file;
    return true;
}

}  // namespace

namespace {

double wave_pixels(unsigned width)
{
    return double(width > kSstWidth + kSignalsWidth + kFrame + 100
                      ? width - kSstWidth - kSignalsWidth - kFrame
                      : 100);
}

}  // namespace

double gtkw_zoom(uint64_t span, unsigned width)
{
    // GTKWave 3.3 draws 200 * 2^zoom pixels per time unit (measured on these FSTs, 1 ps units);
    // only whole zoom levels behave predictably, so round down to the next one that fits.
    if (span == 0)
        span = 1;
    return std::floor(std::log2(wave_pixels(width) / (200.0 * double(span))));
}

bool write_gtkw(const GtkwView &v, std::string &err)
{
    std::string dir = v.filter_dir.empty() ? default_filter_dir() : absolute(v.filter_dir);
    std::string missing;  // the first filter not installed
    {
        std::istringstream in(kTemplate);
        std::string line, l, file;
        while (missing.empty() && std::getline(in, line))
            if (filter_line(line, dir, l, file) && access(file.c_str(), R_OK) != 0)
                missing = file;
    }
    std::istringstream in(kTemplate);
    std::vector<std::string> out;
    std::string line;
    bool comments_done = false;
    while (std::getline(in, line)) {
        if (!comments_done && !starts(line, "[*]")) {
            for (const std::string &c : v.comments)
                out.push_back("[*] " + c);
            if (!missing.empty())
                out.push_back("[*] no decoded views: " + missing + " is missing (make gtkw-filters)");
            comments_done = true;
        }
        std::string filtered, file;
        if (filter_line(line, dir, filtered, file)) {
            line = filtered;
        } else if (starts(line, "[dumpfile] ")) {
            line = "[dumpfile] \"" + absolute(v.dumpfile) + "\"";
        } else if (starts(line, "[savefile] ")) {
            line = "[savefile] \"" + absolute(v.savefile) + "\"";
        } else if (starts(line, "[timestart] ")) {
            // GTKWave falls back to the start of the dump if the view would run past its end
            uint64_t start = v.timestart;
            if (v.span && v.time_last) {
                double zoom = gtkw_zoom(v.span, v.width);
                auto visible = uint64_t(std::ceil(wave_pixels(v.width) / (200.0 * std::exp2(zoom))));
                if (start + visible > v.time_last)
                    start = v.time_last > visible ? v.time_last - visible : 0;
            }
            if (start < v.time_first)
                start = v.time_first;
            line = "[timestart] " + std::to_string(start);
        } else if (starts(line, "[size] ")) {
            line = "[size] " + std::to_string(v.width) + " " + std::to_string(v.height);
        } else if (starts(line, "*")) {
            double zoom = std::strtod(line.c_str() + 1, nullptr);
            if (v.span)
                zoom = gtkw_zoom(v.span, v.width);
            char buf[64];
            std::snprintf(buf, sizeof buf, "*%.6f %lld", zoom, (long long)v.marker);
            line = buf;
            line += " " + std::to_string(v.marker_a);  // named markers A..Z
            for (int i = 1; i < 26; i++)
                line += " -1";
        } else if (starts(line, "[signals_width] ")) {
            line = "[signals_width] " + std::to_string(kSignalsWidth);
        } else if (starts(line, "[sst_width] ")) {
            line = "[sst_width] " + std::to_string(kSstWidth);
        } else if (line.size() > 1 && line[0] == '-' && line[1] >= '0' && line[1] <= '9' &&
                   !out.empty() && is_group_flag(out.back())) {
            // a group's first or last line: open or closed as asked
            bool open = v.open_groups.find(line[1]) != std::string::npos;
            bool begin = out.back() == "@800200" || out.back() == "@c00200";
            out.back() = begin ? (open ? "@800200" : "@c00200") : (open ? "@1000200" : "@1401200");
        }
        out.push_back(line);
    }
    std::ofstream f(v.savefile);
    if (!f) {
        err = "cannot write " + v.savefile;
        return false;
    }
    for (const std::string &l : out)
        f << l << "\n";
    f.close();
    if (!f) {
        err = "cannot write " + v.savefile;
        return false;
    }
    return true;
}
