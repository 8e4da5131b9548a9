# SPDX-License-Identifier: GPL-2.0
#
# Top-level Makefile.  One non-recursive make over the whole tree: each
# directory's Makefile lists its objects Kbuild-style (obj-y, obj-$(CONFIG_X),
# subdir/), this file walks them, compiles into $(O) (default: in tree) and
# links vmlinux in two passes so its kallsyms table describes itself.
#
#   make defconfig | native_defconfig | menuconfig | olddefconfig
#   make savedefconfig         writes $(O)/defconfig
#   make [O=dir] [V=1] [C=1|2] build vmlinux (C=1 sparse on rebuilt files,
#                              C=2 sparse on every file)
#   make run | check | bench | fuzz | clean | help
#
# Incremental builds rebuild what changed: gcc's -MMD tracks headers, and
# every object also depends on a file holding the compiler flags, rewritten
# only when the flags (or the configuration) change.

MAKEFLAGS += -rR --no-print-directory
.SUFFIXES:
.DEFAULT_GOAL := all

srctree := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
ifeq ($(O),)
objtree := $(srctree)
else
objtree := $(abspath $(O))
$(shell mkdir -p $(objtree))
endif
export srctree objtree

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

PYTHON	:= /usr/bin/python3
CC	:= gcc
LD	:= ld
NM	:= nm
OBJCOPY	:= objcopy
HOSTCC	:= gcc
SPARSE	:= sparse
XEN_ABI_DIR ?= /usr/include/xen

KCONFIG_CONFIG := $(objtree)/.config
kconfig := cd $(srctree) && srctree=$(srctree) KCONFIG_CONFIG=$(KCONFIG_CONFIG) $(PYTHON)
autoconf := $(objtree)/include/generated/autoconf.h
autoconf_mk := $(objtree)/include/config/auto.conf

# Targets that need no configuration.
no_config_goals := defconfig %_defconfig menuconfig olddefconfig \
	savedefconfig clean mrproper help deps run run-xen check bench fuzz \
	run_tests
need_config := $(if $(MAKECMDGOALS),$(filter-out $(no_config_goals),$(MAKECMDGOALS)),all)
need_config := $(filter-out $(foreach g,$(no_config_goals),$(filter $(g),$(need_config))),$(need_config))

# --- configuration ---------------------------------------------------------
PHONY := defconfig menuconfig olddefconfig savedefconfig
defconfig: deps-build
	$(Q)$(kconfig) -m defconfig --kconfig Kconfig arch/x86/configs/x86_64_defconfig
%_defconfig: deps-build
	$(Q)test -f $(srctree)/arch/x86/configs/$@ || { echo "no arch/x86/configs/$@" >&2; exit 1; }
	$(Q)$(kconfig) -m defconfig --kconfig Kconfig arch/x86/configs/$@
menuconfig: deps-build
	$(Q)$(kconfig) -m menuconfig Kconfig
olddefconfig: deps-build
	$(Q)$(kconfig) -m olddefconfig Kconfig
savedefconfig: deps-build
	$(Q)$(kconfig) -m savedefconfig --kconfig Kconfig --out $(objtree)/defconfig
	@echo "wrote $(objtree)/defconfig"

# auto.conf and autoconf.h follow .config; genconfig rewrites them only
# when their contents change, so an unchanged config rebuilds nothing.
$(autoconf_mk) $(autoconf) &: $(KCONFIG_CONFIG) $(shell find $(srctree) -name Kconfig -not -path '*/.git/*')
	$(quiet) GEN include/config/auto.conf
	$(Q)mkdir -p $(dir $(autoconf)) $(dir $(autoconf_mk))
	$(Q)$(kconfig) -m genconfig --header-path $(autoconf) --config-out $(autoconf_mk) Kconfig
	$(Q)touch $(autoconf_mk) $(autoconf)

$(KCONFIG_CONFIG):
	@echo "*** No configuration in $(objtree): run 'make defconfig' (or native_defconfig, menuconfig) first." >&2
	@exit 1

ifneq ($(need_config),)
include $(autoconf_mk)
endif

# --- object lists ------------------------------------------------------------
# descend DIR: read DIR/Makefile, collect its objects, recurse into subdirs.
define descend
obj-y :=
extra-y :=
include $(srctree)/$(1)/Makefile
objs-$(1) := $$(addprefix $(1)/,$$(filter %.o,$$(obj-y)))
subs-$(1) := $$(addprefix $(1)/,$$(patsubst %/,%,$$(filter %/,$$(obj-y))))
extra-objs += $$(addprefix $(1)/,$$(extra-y))
ALL_OBJS += $$(objs-$(1))
$$(foreach d,$$(subs-$(1)),$$(eval $$(call descend,$$(d))))
endef

core-dirs := arch/x86 init kernel mm lib drivers
ifneq ($(need_config),)
$(foreach d,$(core-dirs),$(eval $(call descend,$(d))))
endif

# --- flags -------------------------------------------------------------------
GCC_INC := $(shell $(CC) -print-file-name=include)

KBUILD_CPPFLAGS := -nostdinc -isystem $(GCC_INC) \
	-I$(srctree)/arch/x86/include -I$(objtree)/arch/x86/include/generated \
	-I$(srctree)/include -I$(objtree)/include/generated \
	-include $(srctree)/include/linux/kconfig.h -D__KERNEL__ \
	-D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__

KBUILD_CFLAGS := -std=gnu11 -O2 -g -pipe \
	-ffreestanding -fno-builtin -fno-common -fno-strict-aliasing \
	-fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -fno-omit-frame-pointer \
	-fno-optimize-sibling-calls \
	-fno-delete-null-pointer-checks -fno-jump-tables \
	-fmacro-prefix-map=$(srctree)/= \
	-Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-Wno-missing-field-initializers \
	-Wmissing-prototypes -Wstrict-prototypes -Wundef -Wvla \
	-Wimplicit-fallthrough -Werror -Wa,--fatal-warnings
ifeq ($(CONFIG_STACKPROTECTOR),y)
# The per-CPU canary (asm/percpu.h): GCC's default, spelled out.
KBUILD_CFLAGS += -fstack-protector-strong -mstack-protector-guard=tls \
	-mstack-protector-guard-reg=gs -mstack-protector-guard-offset=40
else
KBUILD_CFLAGS += -fno-stack-protector
endif
KBUILD_AFLAGS := -D__ASSEMBLY__ -g -Wa,--fatal-warnings
KBUILD_LDFLAGS := -nostdlib -z max-page-size=0x1000 -z noexecstack \
	--no-warn-rwx-segments --build-id=none

CHECKFLAGS := -D__x86_64__ -m64 -D__CHECKER__ -ffreestanding -Wsparse-error \
	-Wno-unknown-attribute -Wbitwise -Wcast-to-as

c_flags = $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(CFLAGS_$(notdir $@))
a_flags = $(KBUILD_CPPFLAGS) $(KBUILD_AFLAGS)

# Rewritten only when the flags change: every object depends on it.
flags_file := $(objtree)/include/generated/build-flags
ifneq ($(need_config),)
flags_now := $(CC) $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_AFLAGS) $(KBUILD_LDFLAGS)
flags_old := $(shell cat $(flags_file) 2>/dev/null)
ifneq ($(strip $(flags_now)),$(strip $(flags_old)))
$(shell mkdir -p $(dir $(flags_file)) && echo '$(flags_now)' > $(flags_file))
endif
endif

# The Xen public headers come from libxen-dev, as <xen/interface/...>.
xen_abi_link := $(objtree)/include/generated/xen/interface
$(xen_abi_link):
	$(Q)test -f $(XEN_ABI_DIR)/xen.h || { echo "no Xen headers in $(XEN_ABI_DIR): run scripts/setup-deps.sh" >&2; exit 1; }
	$(Q)mkdir -p $(dir $@) && ln -sfn $(XEN_ABI_DIR) $@

# Constants from C structures for assembly (arch/x86/kernel/asm-offsets.c).
asm_offsets := $(objtree)/include/generated/asm-offsets.h
$(asm_offsets): $(srctree)/arch/x86/kernel/asm-offsets.c $(autoconf) $(flags_file) | $(xen_abi_link)
	$(quiet) GEN include/generated/asm-offsets.h
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(KBUILD_CPPFLAGS) $(filter-out -Wa%,$(KBUILD_CFLAGS)) -MMD -MP -MT $@ \
		-MF $(objtree)/include/generated/asm-offsets.d -S -o $@.s $<
	$(Q){ echo "/* generated from arch/x86/kernel/asm-offsets.c: do not edit */"; \
	     sed -n 's/^.*->\([A-Za-z0-9_]*\) \$$*\([-0-9]*\).*$$/#define \1 \2/p' $@.s; } > $@.tmp
	$(Q)grep -q ASM_OFFSETS_DONE $@.tmp && mv $@.tmp $@ && rm -f $@.s
-include $(objtree)/include/generated/asm-offsets.d

# --- compile rules -------------------------------------------------------------
obj_deps = $(autoconf) $(flags_file) | $(xen_abi_link)

ifeq ($(C),1)
cmd_sparse = $(SPARSE) $(CHECKFLAGS) $(KBUILD_CPPFLAGS) $(filter-out -f% -m%,$(KBUILD_CFLAGS)) $< &&
endif

$(objtree)/%.o: $(srctree)/%.c $(obj_deps)
	$(Q)mkdir -p $(@D)
	$(if $(cmd_sparse),$(quiet) CHECK $*.c)
	$(quiet) CC $*.o
	$(Q)$(cmd_sparse) $(CC) $(c_flags) -MMD -MP -c -o $@ $<

$(objtree)/%.o: $(srctree)/%.S $(obj_deps) $(asm_offsets)
	$(Q)mkdir -p $(@D)
	$(quiet) AS $*.o
	$(Q)$(CC) $(a_flags) -MMD -MP -c -o $@ $<

$(objtree)/%.lds: $(srctree)/%.lds.S $(obj_deps)
	$(Q)mkdir -p $(@D)
	$(quiet) LDS $*.lds
	$(Q)$(CC) $(a_flags) -E -P -MMD -MP -MT $@ -o $@ $<

# C=2: sparse on every C file, compiled or not.
sparse_targets := $(addprefix $(objtree)/,$(patsubst %.o,%.sparse,$(filter $(patsubst $(srctree)/%.c,%.o,$(wildcard $(addprefix $(srctree)/,$(ALL_OBJS:.o=.c)))),$(ALL_OBJS))))
$(objtree)/%.sparse: $(srctree)/%.c $(obj_deps) FORCE
	$(quiet) CHECK $*.c
	$(Q)$(SPARSE) $(CHECKFLAGS) $(KBUILD_CPPFLAGS) $(filter-out -f% -m%,$(KBUILD_CFLAGS)) $<

# --- host tools ------------------------------------------------------------
HOSTCFLAGS := -O2 -Wall -Wextra -Werror
kallsyms_tool := $(objtree)/scripts/kallsyms
$(kallsyms_tool): $(srctree)/scripts/kallsyms.c
	$(Q)mkdir -p $(@D)
	$(quiet) HOSTCC scripts/kallsyms
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $<

# --- vmlinux -------------------------------------------------------------------
lds := $(objtree)/arch/x86/kernel/vmlinux.lds
objs := $(addprefix $(objtree)/,$(ALL_OBJS))
ksym := $(objtree)/.tmp_kallsyms

# Pass 1 links an empty symbol table; pass 2 links the table of pass 1.
# The table lives after .text and lists text symbols only, so its size
# cannot move what it describes; kallsyms --check proves it on pass 2.
define link_vmlinux
	$(Q)$(LD) $(KBUILD_LDFLAGS) -T $(lds) -Map=$(1).map -o $(1) $(objs) $(2)
endef

$(objtree)/vmlinux: $(objs) $(lds) $(kallsyms_tool)
	$(quiet) KSYM .tmp_kallsyms0
	$(Q)$(kallsyms_tool) < /dev/null > $(ksym)0.S
	$(Q)$(CC) $(a_flags) -c -o $(ksym)0.o $(ksym)0.S
	$(quiet) LD .tmp_vmlinux1
	$(call link_vmlinux,$(objtree)/.tmp_vmlinux1,$(ksym)0.o)
	$(quiet) KSYM .tmp_kallsyms1
	$(Q)$(NM) -n $(objtree)/.tmp_vmlinux1 | $(kallsyms_tool) > $(ksym)1.S
	$(Q)$(CC) $(a_flags) -c -o $(ksym)1.o $(ksym)1.S
	$(quiet) LD vmlinux
	$(call link_vmlinux,$@.tmp,$(ksym)1.o)
	$(Q)$(NM) -n $@.tmp | $(kallsyms_tool) | cmp -s - $(ksym)1.S || \
		{ echo "kallsyms: text moved between link passes" >&2; exit 1; }
	$(Q)mv $@.tmp.map $@.map && mv $@.tmp $@
	$(quiet) SYSMAP System.map
	$(Q)$(NM) -n $@ | grep -v ' [aUw] ' > $(objtree)/System.map

# --- the VMI-like ROM (arch/x86/vmi/rom): a flat option-ROM image ---------
rom_dir := $(objtree)/arch/x86/vmi/rom
rom_corruptions := bad-checksum bad-offset bad-major truncated misaligned
vmi_roms := $(rom_dir)/vmi.rom $(foreach k,$(rom_corruptions),$(rom_dir)/vmi-$(k).rom)

$(rom_dir)/vmi_rom.elf: $(rom_dir)/vmi_rom.o $(srctree)/arch/x86/vmi/rom/vmi_rom.lds
	$(quiet) LD arch/x86/vmi/rom/vmi_rom.elf
	$(Q)$(LD) -T $(srctree)/arch/x86/vmi/rom/vmi_rom.lds --build-id=none -o $@ $<
$(rom_dir)/vmi.rom: $(rom_dir)/vmi_rom.elf $(srctree)/scripts/vmi-rom.py
	$(quiet) ROM arch/x86/vmi/rom/vmi.rom
	$(Q)$(OBJCOPY) -O binary -j .rom $< $@.raw
	$(Q)$(PYTHON) $(srctree)/scripts/vmi-rom.py finalize $@.raw $@ && rm -f $@.raw
$(rom_dir)/vmi-%.rom: $(rom_dir)/vmi.rom $(srctree)/scripts/vmi-rom.py
	$(quiet) ROM arch/x86/vmi/rom/vmi-$*.rom
	$(Q)$(PYTHON) $(srctree)/scripts/vmi-rom.py corrupt $* $< $@

PHONY += all
all: $(objtree)/vmlinux $(if $(filter 2,$(C)),$(sparse_targets)) \
	$(if $(filter y,$(CONFIG_VMI)),$(vmi_roms))

-include $(objs:.o=.d) $(lds:.lds=.d)

# --- set-up, run, tests -------------------------------------------------------
PHONY += deps deps-build
deps:
	$(Q)$(srctree)/scripts/setup-deps.sh
deps-build:
	$(Q)$(srctree)/scripts/setup-deps.sh build

include $(srctree)/scripts/Makefile.check

PHONY += clean mrproper help
clean:
	$(Q)find $(objtree) \( -name '*.o' -o -name '*.d' -o -name '*.sparse' \
		-o -name '*.lds' -o -name '*.rom' -o -name '*.elf' \) \
		-not -path '*/.git/*' -delete
	$(Q)rm -rf $(objtree)/vmlinux $(objtree)/vmlinux.map $(objtree)/System.map \
		$(objtree)/.tmp_* $(objtree)/scripts/kallsyms $(objtree)/include/generated
mrproper: clean
	$(Q)rm -rf $(objtree)/.config $(objtree)/.config.old $(objtree)/include/config \
		$(srctree)/build
help:
	@sed -n '/^#   make/,/^$$/p' $(srctree)/Makefile | sed 's/^#//'

PHONY += FORCE
FORCE:
.PHONY: $(PHONY)
