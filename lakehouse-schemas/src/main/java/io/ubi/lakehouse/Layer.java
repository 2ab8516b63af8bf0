package io.ubi.lakehouse;

/** Medallion layers. Raw personal data never leaves {@link #BRONZE}. */
public enum Layer {
  BRONZE,
  SILVER,
  GOLD
}
