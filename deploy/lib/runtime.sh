# shellcheck shell=bash
# What every Bob process this repo starts gets from the .NET runtime beyond its project's settings; the test run too,
# since its test hosts run silos and web nodes.
#
# The garbage collector sizes its youngest generation from the CPU's cache size. On a machine that reports none (many
# VMs: no /sys/devices/system/cpu/cpu0/cache) it picks about 2 MB, so a node serving chat (≈ 65 KB allocated per turn)
# collected every thirty-odd turns, some 75 times a second. 16 MB gives the throughput of a larger budget (64 MB: the
# same within the machine's spread) with a p99 near the durable endpoint's (64 MB's longer collections raised it by
# two fifths); docs/performance.md, "the young generation" and "16 MB".
# GCgen0size has no runtimeconfig.json form, so it is set here and in the container image. An operator's own value wins.
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x1000000}
