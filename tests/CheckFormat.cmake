# Fails when a C++ source is not formatted by the repository's .clang-format.
# Run: cmake -DSOURCE_DIR=<repo> -DCLANG_FORMAT=<clang-format> -P CheckFormat.cmake
file(GLOB_RECURSE sources
     "${SOURCE_DIR}/core/*.cpp" "${SOURCE_DIR}/core/*.h"
     "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/ui/*.h"
     "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h"
     "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h"
     "${SOURCE_DIR}/bench/*.cpp")
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${sources}
                RESULT_VARIABLE result ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "Not clang-formatted (run clang-format -i on these):\n${errors}")
endif()
