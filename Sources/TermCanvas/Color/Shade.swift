/// Shade characters that stand in for colour on monochrome terminals.
public enum Shade {
  /// From empty to full: space, light, medium, dark shade, full block.
  public static let characters: [String] = [" ", "░", "▒", "▓", "█"]

  /// The shade character for an intensity in 0…1 (NaN shows as `?`).
  public static func character(forIntensity intensity: Float) -> String {
    guard !intensity.isNaN else { return "?" }
    let clamped = min(max(intensity, 0), 1)
    return characters[Int((clamped * Float(characters.count - 1)).rounded())]
  }

  /// The shade character for a colour, by its luminance.
  public static func character(for color: RGB) -> String {
    character(forIntensity: color.luminance)
  }
}
