# shellcheck shell=bash
# What every Bob process this repo starts gets from the .NET runtime beyond its project's settings.
#
# The garbage collector sizes its youngest generation from the CPU's cache size. A machine that does not report one
# (many VMs: no /sys/devices/system/cpu/cpu0/cache) gets a budget of about 2 MB, so a node serving chat ran a gen-0
# collection every few hundred turns, dozens a second, ~19 % of its CPU (docs/performance.md, 2026-12-07). 64 MB is
# what a server reporting a large cache gets anyway; GCgen0size has no runtimeconfig.json form, so it is set here (and
# in the container image). An operator's own value wins.
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x4000000}
