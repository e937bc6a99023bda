extension RGB {
  /// The component levels of the xterm 6×6×6 colour cube (indices 16…231).
  public static let xtermCubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

  /// The nearest entry of the xterm 256-colour palette, from the 6×6×6 cube or the 24-step grey ramp.
  ///
  /// The 16 system colours (0…15) are never chosen: their exact shades vary by terminal theme.
  public var xterm256Index: UInt8 {
    let (ri, gi, bi) = (Self.nearestCubeLevel(r), Self.nearestCubeLevel(g), Self.nearestCubeLevel(b))
    let levels = Self.xtermCubeLevels
    let cube = RGB(levels[ri], levels[gi], levels[bi])
    let cubeIndex = 16 + 36 * ri + 6 * gi + bi
    // Grey ramp 232…255 holds levels 8, 18, …, 238.
    let average = (Int(r) + Int(g) + Int(b)) / 3
    let greyStep = min(max((average - 8 + 5) / 10, 0), 23)
    let greyLevel = UInt8(8 + 10 * greyStep)
    let grey = RGB(greyLevel, greyLevel, greyLevel)
    let useGrey = grey.distanceSquared(to: self) < cube.distanceSquared(to: self)
    return UInt8(useGrey ? 232 + greyStep : cubeIndex)
  }

  /// The xterm default values of the 16 ANSI colours (0–7 normal, 8–15 bright).
  public static let ansi16Palette: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
    RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
    RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
    RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
  ]

  /// The nearest of the 16 ANSI colours (0…15).
  public var ansi16Index: UInt8 { nearest(in: Self.ansi16Palette[...]) }

  /// The nearest of the 8 basic ANSI colours (0…7).
  public var ansi8Index: UInt8 { nearest(in: Self.ansi16Palette[0..<8]) }

  /// The colour a palette index stands for (cube, grey ramp, or xterm's default 16).
  public static func xterm256Color(_ index: UInt8) -> RGB {
    switch index {
    case 0..<16:
      return ansi16Palette[Int(index)]
    case 16..<232:
      let cube = Int(index) - 16
      return RGB(xtermCubeLevels[cube / 36], xtermCubeLevels[(cube / 6) % 6], xtermCubeLevels[cube % 6])
    default:
      let level = UInt8(8 + 10 * (Int(index) - 232))
      return RGB(level, level, level)
    }
  }

  /// Index of the cube level nearest to a component (levels are 0, 95, 135, 175, 215, 255).
  private static func nearestCubeLevel(_ component: UInt8) -> Int {
    let v = Int(component)
    if v < 48 { return 0 }  // halfway between 0 and 95
    if v < 115 { return 1 }  // halfway between 95 and 135
    return min((v - 35) / 40, 5)
  }

  /// Index of the colour in `palette` closest to `self`.
  private func nearest(in palette: ArraySlice<RGB>) -> UInt8 {
    var best = palette.startIndex
    var bestDistance = Int.max
    for index in palette.indices {
      let distance = palette[index].distanceSquared(to: self)
      if distance < bestDistance {
        best = index
        bestDistance = distance
      }
    }
    return UInt8(best)
  }
}
