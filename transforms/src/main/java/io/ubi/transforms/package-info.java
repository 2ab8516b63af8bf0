/**
 * Spark transforms shared by the speed layer and the batch layer: each compiles a definition from
 * the model into Spark, so both layers compute the same thing. Reads and writes only through {@link
 * io.ubi.transforms.Lake}; the one sink besides it is {@link io.ubi.transforms.SignalPublisher},
 * which both layers publish signals through. The tenants' settings in force ({@link
 * io.ubi.transforms.LiveConfigs}) and their versioned store ({@link io.ubi.transforms.ConfigStore})
 * live here too, since both layers read them. Holds no sources, triggers or schedules.
 */
package io.ubi.transforms;
