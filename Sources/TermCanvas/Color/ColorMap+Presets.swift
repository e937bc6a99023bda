extension ColorMap {
  /// Blue–grey–red over [-1, 1] for tanh states (after matplotlib's RdBu/coolwarm).
  ///
  /// The midpoint is a mid grey rather than white so values near zero read on
  /// both dark and light terminal backgrounds.
  public static let diverging = ColorMap(
    stops: [
      Stop(0.00, RGB(hex: 0x2166AC)),  // RdBu dark blue
      Stop(0.25, RGB(hex: 0x5A94C8)),
      Stop(0.50, RGB(hex: 0x808080)),  // neutral grey
      Stop(0.75, RGB(hex: 0xD46F5A)),
      Stop(1.00, RGB(hex: 0xB2182B)),  // RdBu dark red
    ],
    domain: -1...1, kind: .diverging)

  /// Viridis over [0, 1] for gates and probabilities: matplotlib's 11 control points, interpolated.
  public static let viridis = ColorMap(
    stops: [
      Stop(0.0, RGB(hex: 0x440154)), Stop(0.1, RGB(hex: 0x482475)), Stop(0.2, RGB(hex: 0x414487)),
      Stop(0.3, RGB(hex: 0x355F8D)), Stop(0.4, RGB(hex: 0x2A788E)), Stop(0.5, RGB(hex: 0x21918C)),
      Stop(0.6, RGB(hex: 0x22A884)), Stop(0.7, RGB(hex: 0x44BF70)), Stop(0.8, RGB(hex: 0x7AD151)),
      Stop(0.9, RGB(hex: 0xBDDF26)), Stop(1.0, RGB(hex: 0xFDE725)),
    ],
    domain: 0...1, kind: .sequential)

  /// Black to white over [0, 1], for monochrome-friendly previews.
  public static let grayscale = ColorMap(
    stops: [Stop(0, .black), Stop(1, .white)], domain: 0...1, kind: .sequential, nonFiniteColor: .red)
}
