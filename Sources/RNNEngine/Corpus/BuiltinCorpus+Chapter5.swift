extension BuiltinCorpus {
  /// Chapter V. A Watch in the Dark
  static let chapter5 = #"""
    Chapter V. A Watch in the Dark

    We walked back to Ashby Hall in the dusk, with the letter buttoned safely
    inside Miss Quill's jacket, and Lyle laid down his plans as we went. We were
    to dine as if nothing had happened, and to go up to bed at the ordinary
    hour. Miss Quill was to lock her door and not to open it, whatever she might
    hear. He and I would come down again when the house was quiet, and keep
    watch in the study.

    "Do you expect someone, then?" I asked.

    "I expect two people. Mr. Cyril has a man coming from Bond Street on Monday
    to value the clocks. Before that man arrives, and before some clever fellow
    from the trade notices that the great clock in the study has lost its star
    movement, Mr. Cyril will wish to examine that clock for himself. He searched
    the hall clock on Thursday and found nothing. He and Grimsby searched the
    desk and the safe on Thursday night, and found nothing there either. He has
    had time since then to think. He is not clever, but he is not a fool, and he
    will have remembered that his uncle spent a whole afternoon locked in the
    study with a hammer. And he saw me go into the study this morning, and stay
    there an hour."

    Dinner was a strange meal. Mr. Cyril was in high spirits, and drank a good
    deal of his uncle's claret, and talked a great deal about London and about a
    horse which he meant to buy when his affairs were settled. Grimsby waited
    upon us with his long face as still as a mask. Once, when Lyle asked him for
    the salt, I saw the butler's hand shake so that a little of it spilled upon
    the cloth, and I saw Mr. Cyril look up at him sharply. Miss Quill said
    hardly a word. At ten o'clock she rose and bade us good night, and half an
    hour later Lyle yawned, declared that the country air had made him as sleepy
    as a dormouse, and took me upstairs with him.

    We sat in his room in the dark until the house had been silent for an hour.
    Then we took off our boots, and crept down the back stairs in our stockings,
    and along the passage to the study. The door was not locked. Lyle had taken
    care of that before dinner. We went in and closed it behind us, and took our
    places, he behind the heavy curtain of the nearer window and I in the shadow
    of a tall bookcase beside the door.

    I do not think I have ever passed a longer hour. The room was as black as a
    cellar, save for a faint grey glimmer at the windows, and as silent as a
    tomb. I found myself listening for the ticking of the clocks, as one listens
    for a friend's voice, and hearing nothing. Once a mouse ran across the
    floor, and my heart leaped into my throat. Once an owl called in the elms
    outside, and I heard Lyle stir very slightly behind his curtain. From far
    away across the fields came the sound of Hollowmere church striking
    midnight, and then the quarter, and then the half.

    At twenty minutes to one I heard a board creak in the passage.

    The door opened very slowly. A thin line of candlelight appeared, and
    widened, and two men came into the room. The first was Mr. Cyril, in a
    dressing-gown of crimson silk, with a candle in one hand and a small crowbar
    in the other. The second was Grimsby, fully dressed, as if he had never been
    to bed, carrying a lantern which he shaded with his hand.

    "Shut the door, you fool," whispered Mr. Cyril. "Now hold the light up.
    Higher. That is the one, the big one with four faces. The old man had it
    open the week before he died. You said so yourself."

    "I said I heard him hammering, sir. I never said it was that clock."

    "It must be that clock. It is the only one he ever cared about. Hold the
    light still." He set down his candle upon a table, and went up to the great
    clock, and tried the little glass door of the star dial. It did not open.
    "Locked, of course. Where are his keys?"

    "Mrs. Dunmore has them, sir."

    "Then we shall do without them." He put the end of the crowbar into the
    crack of the little door, and leaned upon it. There was a sharp crack of
    breaking wood, and the glass door swung open. He tore out the painted dial
    of stars and threw it upon the floor, and thrust his hand into the space
    behind.

    "Empty!" said he, in a voice of fury. "Empty! There is nothing here at all.
    He has taken the works out, and there is nothing. Grimsby, you told me--"

    "I think, Mr. Ashby," said Lyle, stepping out from behind the curtain, "that
    you will find nothing in any clock in this house. But you may as well put
    down that crowbar. Dr. Varga is standing by the door, and he has his
    revolver in his pocket."

    I had no revolver in my pocket, but I put my hand there as if I had, and I
    think the effect was the same. Mr. Cyril spun round, and the crowbar fell
    with a clang upon the floor. Grimsby gave a kind of groan, and the lantern
    shook so violently in his hand that the shadows leaped and danced upon the
    walls.

    "This is my house," said Mr. Cyril, when he had found his voice. "You have
    no right to be here. I shall do as I please with my own clocks."

    "You may do as you please with your own clocks," answered Lyle, "when it has
    been settled that they are yours. Until then I should advise you to do
    nothing at all. Grimsby, put down that lantern before you set the curtains
    on fire, and sit down in that chair. I am going to tell you what happened in
    this house on Thursday night, and you are going to tell me where I am
    wrong."

    The butler sat down heavily, and put his face in his hands.

    "At a little after midnight," said Lyle, "Mr. Cyril Ashby, having quarrelled
    with his uncle after dinner, and having been told that his uncle had made a
    new will and that the clocks would keep it, came down to the hall and began
    to meddle with the great clock there. He knew nothing about clocks. He
    turned the hands round to get at the dial, and the clock struck thirteen,
    and woke half the house. Mr. Cyril stepped out upon the front step to smoke
    a cigarette and to see whether anyone was stirring, and then he went back to
    bed. Am I right so far, Mr. Ashby?"

    Mr. Cyril said nothing. He had sat down upon the arm of a chair, and his
    face was the colour of tallow.

    "But Mr. Reginald Ashby was not asleep. He had heard his clock strike
    thirteen, and he knew very well what it meant. He came down to his study,
    and he sent for Grimsby, and he questioned him. That was at about two
    o'clock. What did he say to you, Grimsby?"

    For a long moment the butler did not answer. Then he lifted his head, and I
    saw that there were tears upon his face.

    "He asked me whether Mr. Cyril had been at the clocks," said he hoarsely. "I
    said I didn't know. He said, 'Grimsby, you have served me twenty years, and
    you have never told me a lie until tonight.' And then he stood up out of his
    chair, and he put his hand to his side, and he fell. I caught him, sir. I
    caught him and put him back in the chair, and I called his name, but he
    never spoke again. He was dead before I could get the brandy to his lips. It
    was twenty minutes past two. I looked at the clock on the mantel."
    """#
}
