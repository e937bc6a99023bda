/// `text` with every control character but newline and tab written out as `\x1b` or `\u{9b}`, so
/// that nothing read from a file (tensor names, metadata, run.json fields, text excerpts) can move the
/// cursor, set the window title or switch screens when printed.
func escapingControlCharacters(_ text: String) -> String {
  var result = ""
  result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
  for scalar in text.unicodeScalars {
    switch scalar.value {
    case 0x0A, 0x09: result.unicodeScalars.append(scalar)
    case 0..<0x20, 0x7F: result += "\\x" + hexDigits(scalar.value, width: 2)
    case 0x80..<0xA0: result += "\\u{" + hexDigits(scalar.value, width: 2) + "}"
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}

private func hexDigits(_ value: UInt32, width: Int) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
