# Interop fragment (included by the top Makefile): the Python binding of the model and its tests,
# the cocotb test of the RTL against it, the FuseSoC core, JUnit checks, and packaging of the model
# (`make install`, pkg-config). docs/interop.md, sections "Python / cocotb" and "Packaging".
#
#   make py-venv        build/py/venv: Debian's /usr/bin/python3 + tb/python/requirements.txt
#                       (cocotb 1.8.1, fusesoc, pytest) via scripts/install-deps.sh --pypi
#   make pytest-model   tb/python/test_model.py (the binding, model/python/mmu_model.py)
#   make cocotb         the RTL under cocotb + Verilator vs the model: must pass; then the RTL
#                       built with tb/defects/dirty.patch: must fail with an output mismatch
#   make fusesoc-lint   FuseSoC's Verilator lint target on rtl/mmu.core
#   make fusesoc-sim    FuseSoC's Verilator sim target on rtl/mmu.core: mmu_top plays scenarios
#   make install PREFIX=/usr/local [DESTDIR=...]   libmmumodel.{a,so}, include/mmumodel/*.h,
#                       lib/pkgconfig/mmumodel.pc, share/mmumodel/python/mmu_model.py
#   make uninstall PREFIX=...
#   make install-check  make install into a temporary prefix + an outside program via pkg-config
#   make junit-check    the JUnit XML of scripts/regress.sh and scripts/run-scenarios.sh
#   make txn-schema     every producer of transaction JSON against docs/txn.schema.json
#                       (tb/python/test_txn_schema.py: mmusim, lockstep, SystemC, DPI-C, Python)
#   make regen          regenerate the generated copies (scripts/regen.py)

PY_VENV    := $(BUILD)/py/venv
PY_STAMP   := $(PY_VENV)/.stamp
PY         := $(PY_VENV)/bin/python
PY_REQS    := tb/python/requirements.txt
PYTEST     := $(PY) -m pytest -q -p no:cacheprovider
COCOTB_VARIANTS := pass bug-dirty
COCOTB_BINS := $(foreach v,$(COCOTB_VARIANTS),$(BUILD)/cocotb/$(v)/sim_build/Vtop)

PREFIX        ?= /usr/local
MODEL_PUBLIC_HDRS := $(wildcard model/include/*.h)
MODEL_PY      := model/python/mmu_model.py model/python/mmu_defs.py
DESTDIR       ?=
MODEL_VERSION := $(VERSION)
INSTALL_DIR    = $(DESTDIR)$(PREFIX)

.PHONY: py-venv pytest-model cocotb cocotb-bins fusesoc-lint fusesoc-sim install uninstall install-check \
        junit-check interop-tests regen txn-schema

# `make regen`: every generated copy of the registers, ports, reasons, sizes and the file list
# (scripts/regen.py; the sources are rtl/mmu_regs.rdl, rtl/mmu_iface.def and rtl/mmu.f). The
# generated files are committed, so a build needs no PyPI package; make test checks they are
# current.
regen: $(PY_STAMP)
	@$(PY) scripts/regen.py

py-venv: $(PY_STAMP)
$(PY_STAMP): $(PY_REQS) | $(DEPS_STAMP)
	@bash scripts/install-deps.sh --pypi $(PY_VENV) $(PY_REQS)
	@touch $@

pytest-model: $(PY_STAMP) $(MODEL_SO)
	PYTEST_SUITE_NAME=python-model $(PYTEST) tb/python/test_model.py

# The Verilator builds of cocotb's makefiles (tb/cocotb/Makefile), one folder per RTL variant.
cocotb-bins: $(COCOTB_BINS)
$(BUILD)/cocotb/bug-dirty/sim_build/Vtop: $(call defect_stamp,dirty)
$(BUILD)/cocotb/%/sim_build/Vtop: $(RTL_SRCS) tb/cocotb/Makefile tb/cocotb/run.sh $(PY_STAMP)
	@echo "cocotb: Verilator build of mmu_top ($*)"
	@bash tb/cocotb/run.sh --build-only $*

cocotb: $(COCOTB_BINS) $(MODEL_SO)
	@bash tb/cocotb/run.sh pass; rc=$$?; bash tb/cocotb/run.sh bug-dirty && exit $$rc

fusesoc-lint: $(PY_STAMP)
	@bash tb/install_check/fusesoc_lint.sh

fusesoc-sim: $(PY_STAMP)
	@bash tb/install_check/fusesoc_sim.sh

install: $(MODEL_LIB) $(MODEL_SO)
	@case "$(PREFIX)" in /*) ;; *) echo "install: PREFIX must be an absolute path (got '$(PREFIX)')" >&2; exit 1 ;; esac
	install -d $(INSTALL_DIR)/lib/pkgconfig $(INSTALL_DIR)/include/mmumodel \
	    $(INSTALL_DIR)/share/mmumodel/python
	install -m 644 $(MODEL_LIB) $(INSTALL_DIR)/lib/libmmumodel.a
	install -m 755 $(MODEL_SO) $(INSTALL_DIR)/lib/libmmumodel.so
	install -m 644 $(MODEL_PUBLIC_HDRS) $(INSTALL_DIR)/include/mmumodel/
	install -m 644 $(MODEL_PY) $(INSTALL_DIR)/share/mmumodel/python/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(MODEL_VERSION)|g' model/mmu_model.pc.in \
	    > $(INSTALL_DIR)/lib/pkgconfig/mmumodel.pc
	@echo "install: model $(MODEL_VERSION) in $(INSTALL_DIR) (pkg-config: PKG_CONFIG_PATH=$(INSTALL_DIR)/lib/pkgconfig)"

uninstall:
	@case "$(PREFIX)" in /*) ;; *) echo "uninstall: PREFIX must be an absolute path" >&2; exit 1 ;; esac
	rm -f $(INSTALL_DIR)/lib/libmmumodel.a $(INSTALL_DIR)/lib/libmmumodel.so \
	    $(INSTALL_DIR)/lib/pkgconfig/mmumodel.pc \
	    $(addprefix $(INSTALL_DIR)/include/mmumodel/,$(notdir $(MODEL_PUBLIC_HDRS))) \
	    $(addprefix $(INSTALL_DIR)/share/mmumodel/python/,$(notdir $(MODEL_PY)))
	rm -rf $(INSTALL_DIR)/share/mmumodel/python/__pycache__  # written by a Python that imported it
	-rmdir $(INSTALL_DIR)/include/mmumodel $(INSTALL_DIR)/share/mmumodel/python \
	    $(INSTALL_DIR)/share/mmumodel 2>/dev/null

install-check: $(MODEL_LIB) $(MODEL_SO)
	@bash tb/install_check/run.sh

junit-check: $(PY_STAMP)
	PYTEST_SUITE_NAME=junit $(PYTEST) tb/python/test_junit.py

# Every suite prints "NAME: N passed, M failed" (scripts/run-tests.sh adds them up).
INTEROP_SUITES := "$(PY) scripts/regen.py --check" \
                  "PYTEST_SUITE_NAME=python-model $(PYTEST) tb/python/test_model.py" \
                  "bash tb/cocotb/run.sh pass" "bash tb/cocotb/run.sh bug-dirty" \
                  "bash tb/install_check/fusesoc_lint.sh" "bash tb/install_check/fusesoc_sim.sh" \
                  "bash tb/install_check/run.sh" \
                  "PYTEST_SUITE_NAME=junit $(PYTEST) tb/python/test_junit.py"
INTEROP_DEPS   := $(PY_STAMP) $(MODEL_LIB) $(MODEL_SO) $(COCOTB_BINS)

interop-tests: $(INTEROP_DEPS)
	@bash scripts/run-tests.sh $(INTEROP_SUITES)

TEST_SUITES += $(INTEROP_SUITES)
TEST_DEPS   += $(INTEROP_DEPS)

# The transaction record (docs/txn-schema.md): each producer's output validated against
# docs/txn.schema.json, and records that must be rejected are.
TXN_SCHEMA_SUITE := "PYTEST_SUITE_NAME=txn-schema $(PYTEST) tb/python/test_txn_schema.py"
TXN_SCHEMA_DEPS  := $(PY_STAMP) $(MODEL_SO) $(MMUSIM) $(COSIM_BIN) $(COSIM_VAR_BINS) \
                    $(BUILD)/mmucosim-bug-dirty $(SC_BINS) $(DPI_BINS)
.PHONY: txn-schema
txn-schema: $(TXN_SCHEMA_DEPS)
	@bash scripts/run-tests.sh $(TXN_SCHEMA_SUITE)
TEST_SUITES += $(TXN_SCHEMA_SUITE)
TEST_DEPS   += $(TXN_SCHEMA_DEPS)
