#!/usr/bin/env bash
# Sourced by bin/run-platform, bin/load and bin/lib/load-platform.sh: each service's JVM memory flags, sized for at most
# 512 MB resident per service under the load of `make load` (issue 18; all five within it since generation's own
# flags below, generation 478 MB at its highest, 557 MB before them; figures and method in
# docs/benchmarks.md "Load, faults and memory"). The Kubernetes pods and the images set the same flags
# (deploy/k8s/base/pod-defaults.yaml and per-service heaps; pom.xml's Jib environment).
#   heap:       the live set under load is 60-150 MB; a heap several times that keeps collections rare
#   Serial GC:  on 1-2 CPUs per service G1's concurrent threads and remembered sets cost more memory than they save
#   metaspace, code cache, thread stacks, direct buffers: capped where Spring Boot's defaults reserve far more
#   TrimNativeHeapInterval: malloc_trim every 30 s gives freed native memory (compiler arenas, ONNX buffers) back
#   generation only (C1 only, one compiler thread, 48m code cache): its RSS was the one over 512 MB (557, issue 18);
#               C2's compiler arenas and code cache cost more resident memory than its faster code saves here
#   MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_ (env): glibc's per-thread arenas and its growing mmap threshold
#               otherwise keep ONNX Runtime's freed batch tensors (malloc'd, the arena allocator is off) resident
# RAG_JAVA_OPTS (appended) overrides any of them.

RAG_JVM_COMMON_FLAGS=${RAG_JVM_COMMON_FLAGS:--Xms32m -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m -Xss512k -XX:MaxDirectMemorySize=64m -XX:TrimNativeHeapInterval=30000 -XX:+ExitOnOutOfMemoryError}
RAG_JVM_GENERATION_FLAGS=${RAG_JVM_GENERATION_FLAGS:--XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=48m}
# Retrieval: C1 only too. Its heavy work is native (ONNX Runtime, PostgreSQL); after a restart C2 compiled for 40 s at
# up to 58 % of a core and turns were slow for 12 s; C1 only: 5 % and 4 s, and 8.3 instead of 10.7 ms of CPU per turn
# in the minutes after a start (docs/benchmarks.md, Round 12).
RAG_JVM_RETRIEVAL_FLAGS=${RAG_JVM_RETRIEVAL_FLAGS:--XX:TieredStopAtLevel=1 -XX:CICompilerCount=1}
# The load generator (bin/load, bin/faults) shares the CPUs with the platform it measures: C1 only, so its own JIT does
# not take 20-40 % of a core in its first 15 s, when every fault scenario starts a new generator (benchmarks, Round 12).
export LOAD_GENERATOR_JAVA_OPTS=${LOAD_GENERATOR_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# A fixed mmap threshold (setting it turns glibc's dynamic one off): ONNX Runtime's tensors of an embedding batch
# (tens of MB each) are mmapped and given back when freed, instead of staying in the malloc heap after a burst
# (measured: ingestion embedding demo-kb/ went from 590 to 1,400 MB resident and stayed there without it).
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-262144}

# Batch work (ingestion's document embedding, eval's jobs) yields the CPUs to the query-time services where they
# share a machine: a resumed or new ingestion job otherwise takes both cores from the customers' turns (benchmarks,
# Round 14: ingestion-kill). RAG_BATCH_NICE=0 turns it off. In Kubernetes each service has its own CPU requests instead.
RAG_BATCH_NICE=${RAG_BATCH_NICE:-10}
# jvm_nice <service>: the command prefix that starts it at a lower priority (empty for the query-time services).
jvm_nice() {
  case $1 in
    ingestion-service | eval-service) [ "$RAG_BATCH_NICE" -gt 0 ] && echo "nice -n $RAG_BATCH_NICE" ;;
  esac
  return 0
}

# jvm_memory_flags <service>: the flags for that service (heap, the common ones, then the service's own).
jvm_memory_flags() {
  local heap extra=""
  case $1 in
    gateway-service | eval-service) heap=160m ;;
    retrieval-service) heap=224m extra=$RAG_JVM_RETRIEVAL_FLAGS ;;
    generation-service) heap=224m extra=$RAG_JVM_GENERATION_FLAGS ;;
    ingestion-service) heap=256m ;;
    *) heap=256m ;;
  esac
  echo "-Xmx$heap $RAG_JVM_COMMON_FLAGS${extra:+ $extra}"
}
