/**
 * Privacy in the model, Spark- and HTTP-free: pseudonyms and keyed tokens, disclosure control of
 * group results, and data minimisation of envelopes (the tenant's {@link
 * io.ubi.model.privacy.PrivacyPolicy}, the documented {@link io.ubi.model.privacy.FieldPolicy}
 * defaults, the versioned {@link io.ubi.model.privacy.ContentRules}). Reads its defaults from
 * {@code field-policy.json} on the classpath; writes nothing.
 */
package io.ubi.model.privacy;
