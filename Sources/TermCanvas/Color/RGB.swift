/// A 24-bit colour: the only colour type widgets use; backends reduce it to what the terminal shows.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
  /// Red, 0…255.
  public var r: UInt8
  /// Green, 0…255.
  public var g: UInt8
  /// Blue, 0…255.
  public var b: UInt8

  /// Creates a colour from 0…255 components.
  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }

  /// Creates a colour from `0xRRGGBB`.
  public init(hex: UInt32) {
    self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
  }

  /// Relative luminance in 0…1 (Rec. 709 weights on the gamma-encoded components).
  public var luminance: Float {
    (0.2126 * Float(r) + 0.7152 * Float(g) + 0.0722 * Float(b)) / 255
  }

  /// The colour `t` of the way from `self` to `other` (t in 0…1), per component.
  public func mixed(with other: RGB, _ t: Float) -> RGB {
    let fraction = min(max(t, 0), 1)
    func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Float(a) + (Float(b) - Float(a)) * fraction).rounded())
    }
    return RGB(channel(r, other.r), channel(g, other.g), channel(b, other.b))
  }

  /// Squared Euclidean distance in RGB space (for nearest-colour searches).
  func distanceSquared(to other: RGB) -> Int {
    let dr = Int(r) - Int(other.r)
    let dg = Int(g) - Int(other.g)
    let db = Int(b) - Int(other.b)
    return dr * dr + dg * dg + db * db
  }

  /// `#rrggbb`.
  public var description: String {
    let digits = Array("0123456789abcdef")
    var text = "#"
    for component in [r, g, b] {
      text.append(digits[Int(component >> 4)])
      text.append(digits[Int(component & 0xF)])
    }
    return text
  }
}

extension RGB {
  /// Black.
  public static let black = RGB(0, 0, 0)
  /// White.
  public static let white = RGB(255, 255, 255)
  /// Mid grey (128).
  public static let gray = RGB(128, 128, 128)
  /// Pure red.
  public static let red = RGB(255, 0, 0)
  /// Pure green.
  public static let green = RGB(0, 255, 0)
  /// Pure blue.
  public static let blue = RGB(0, 0, 255)
  /// Yellow.
  public static let yellow = RGB(255, 255, 0)
  /// Cyan.
  public static let cyan = RGB(0, 255, 255)
  /// Magenta.
  public static let magenta = RGB(255, 0, 255)
  /// Orange.
  public static let orange = RGB(255, 165, 0)
}
