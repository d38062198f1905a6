/**
 * Structured Field Values for HTTP (RFC 9651, which obsoletes RFC 8941): the data model ({@link
 * dev.aauth.sfv.Item}, {@link dev.aauth.sfv.InnerList}, {@link dev.aauth.sfv.Parameters}, {@link
 * dev.aauth.sfv.Dictionary}), a strict parser and a serializer.
 *
 * <p>Bare item values are plain Java objects: {@link java.lang.Long} (Integer), {@link
 * java.math.BigDecimal} (Decimal), {@link java.lang.String} (String), {@link dev.aauth.sfv.Token},
 * {@link dev.aauth.sfv.ByteSequence}, {@link java.lang.Boolean}, {@link dev.aauth.sfv.SfDate} and
 * {@link dev.aauth.sfv.DisplayString}.
 *
 * <p>Every header of AAuth and RFC 9421 ({@code Signature-Input}, {@code Signature}, {@code
 * Signature-Key}, {@code Signature-Error}, {@code Accept-Signature}, {@code AAuth-Requirement},
 * {@code Content-Digest}) is read and written through this package.
 */
package dev.aauth.sfv;
