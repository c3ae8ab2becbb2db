package org.supportrag.generation.cache;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Expired cache entries are purged on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CacheConfiguration {
}
