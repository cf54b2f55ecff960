# Convenience wrapper around CMake.  `make demo`, `make check`, `make eval`,
# `make bench`; BUILD=dir picks the build folder.
BUILD      ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_GEN  := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

.PHONY: all build deps demo check check-asan check-tsan eval bench compare fuzz \
	fuzz-long lint \
	install clean

all: build

deps:
	sh scripts/deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Starts the server on its built-in defaults, sends the sample article,
# prints the entities, stops the server.
demo: build
	sh scripts/demo.sh $(BUILD)

# The whole test suite.
check: build
	ctest --test-dir $(BUILD) -j $(JOBS) --output-on-failure

# The suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
check-asan:
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug \
		-DNERD_SANITIZE=address,undefined -DNERD_BUILD_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --test-dir $(ASAN_BUILD) -j $(JOBS) --output-on-failure

# The server under load, reloads and a drain, under ThreadSanitizer
# (Criterion's forking runner cannot run under TSan).
check-tsan:
	cmake -S . -B $(TSAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug \
		-DNERD_SANITIZE=thread -DNERD_BUILD_BENCH=OFF
	cmake --build $(TSAN_BUILD) -j $(JOBS)
	TSAN_OPTIONS=halt_on_error=1 \
		ctest --test-dir $(TSAN_BUILD) -L tsan --output-on-failure

# libFuzzer targets (clang, ASan+UBSan), each for a bounded time.
FUZZ_BUILD ?= build-fuzz
fuzz:
	CC=clang cmake -S . -B $(FUZZ_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug \
		-DNERD_BUILD_FUZZ=ON -DNERD_SANITIZE=address,undefined \
		-DNERD_BUILD_BENCH=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 ctest --test-dir $(FUZZ_BUILD) -L fuzz \
		--output-on-failure

# Long fuzzing sessions (not in CI; hours): each target for FUZZ_RUNS
# executions in an optimised ASan+UBSan build, one line of figures each.
FUZZ_LONG_BUILD ?= build-fuzzlong
FUZZ_RUNS ?= 10000000
FUZZ_TARGETS ?= merge envelope tokenizer pipeline dates officials organizations \
	membership
fuzz-long:
	CC=clang cmake -S . -B $(FUZZ_LONG_BUILD) $(CMAKE_GEN) \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DNERD_BUILD_FUZZ=ON \
		-DNERD_SANITIZE=address,undefined -DNERD_BUILD_BENCH=OFF
	cmake --build $(FUZZ_LONG_BUILD) -j $(JOBS)
	sh scripts/fuzz-long.sh $(FUZZ_LONG_BUILD) $(FUZZ_RUNS) $(FUZZ_TARGETS)

# Accuracy on the development sets in ../shared/eval (not needed by tests).
eval: build
	sh scripts/eval.sh $(BUILD)

bench: build
	sh scripts/bench.sh $(BUILD)

# Two builds' in-process speed by the clock: make compare A=dir B=dir
# [RUNS=12] (interleaved runs, medians; see scripts/compare.sh).
RUNS ?= 12
compare:
	sh scripts/compare.sh $(A) $(B) $(RUNS)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)

# Static analysis: clang-tidy (.clang-tidy) and cppcheck over our sources.
LINT_SOURCES = $(shell git ls-files 'core/*.c' 'server/*.c' 'clients/*.c' \
	'clients/**/*.c' 'plugins/**/*.c' 'bench/*.c')
lint: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) --target nerd_proto
	clang-tidy -p $(BUILD) --quiet $(LINT_SOURCES)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr --suppress=missingIncludeSystem \
		-I include -I core -I plugins/common -I $(BUILD)/proto \
		$(LINT_SOURCES)
