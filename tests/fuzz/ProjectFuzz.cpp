// The project file (project/ProjectJson, with shapes and labels): load it, and save what was
// loaded and load that again, which must give the same project file.

#include "FuzzUtil.h"
#include "project/Project.h"

#include <cstdlib>

using namespace specedit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzz::writeInput("p.specedit.json", data, size);
    fuzz::refusalsOnly([&] {
        const core::Project project = core::loadProject(path);
        const auto json = core::projectToJson(project);
        const auto again = core::projectToJson(core::projectFromJson(json, path));
        if (again != json)
            std::abort(); // a loaded project must survive its own save
    });
    return 0;
}
