import Foundation

/// The JSON encoding of everything a recording stores: sorted keys, and non-finite numbers as strings
/// (a diverged loss is `"nan"`, not an encoding failure).
enum RecordingJSON {
  private static let nonFinite = (positive: "inf", negative: "-inf", nan: "nan")

  /// `value` as compact JSON text.
  static func encode<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// Decodes `text`, turning any failure into `fail(reason)` with the decoder's reason in one line.
  static func decode<Value: Decodable>(_ type: Value.Type, from text: some DataProtocol, fail: (String) -> Error) throws
    -> Value
  {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
    do {
      return try decoder.decode(type, from: Data(text))
    } catch let DecodingError.dataCorrupted(context) {
      throw fail(reason(context))
    } catch let DecodingError.keyNotFound(key, context) {
      throw fail("missing \"\(key.stringValue)\"\(location(context))")
    } catch let DecodingError.typeMismatch(_, context) {
      throw fail(reason(context))
    } catch let DecodingError.valueNotFound(_, context) {
      throw fail(reason(context))
    } catch {
      throw fail("\(error)")
    }
  }

  private static func reason(_ context: DecodingError.Context) -> String {
    let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
    let text = underlying ?? context.debugDescription
    return text.replacingOccurrences(of: "\n", with: " ") + location(context)
  }

  /// ` at "config.task"`, naming where in the document the problem is.
  private static func location(_ context: DecodingError.Context) -> String {
    let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
    return path.isEmpty ? "" : " at \"\(path.joined(separator: "."))\""
  }
}
