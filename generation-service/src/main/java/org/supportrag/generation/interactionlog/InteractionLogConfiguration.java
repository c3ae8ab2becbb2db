package org.supportrag.generation.interactionlog;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the retention purge. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InteractionLogConfiguration {
}
