extension BuiltinCorpus {
  /// Chapter VII. The Clockmaker of St. John Street
  static let chapter7 = #"""
    Chapter VII. The Clockmaker of St. John Street

    St. John Street runs north from Smithfield through the heart of old
    Clerkenwell, where for two hundred years the watchmakers and the clockmakers
    of London have worked in narrow houses with long windows under the roofs, to
    catch the light. Mr. Teague's shop was a small, dark, old-fashioned place
    near the corner of Albemarle Street, with a bow window full of clocks and a
    sign in faded gold above the door. The shutters were up, as Lyle had asked,
    but as our cab drew near I saw that a hansom was already standing at the
    kerb, and that a fair-haired man in a grey coat was knocking upon the door
    with his stick.

    "Too soon," said Lyle between his teeth. "He has been quicker than I
    thought. Stay in the cab, Miss Quill, until I call you. Come, Varga. Mr.
    Pruett, pray follow us at your own pace."

    We were out of the cab and across the pavement before Mr. Cyril had turned
    round. When he saw us, his face went white and then red, but he stood his
    ground.

    "You again," said he. "Well, you are too late this time, Mr. Lyle. I have
    here a letter from my uncle, directing Mr. Teague to deliver his property to
    me. I mean to have it."

    "A letter from your uncle, dated, I suppose, some time before he died?"

    "Naturally."

    "Then I shall be very much interested to see it. And so, I think, will
    Inspector Hobbs. Good afternoon, Inspector."

    A large, square, solemn man in a brown overcoat had stepped out of the
    doorway of the public house opposite, and was crossing the road towards us
    with the deliberate tread of one who has walked a great many beats. He
    touched his hat to Lyle, and looked at Mr. Cyril as a farmer looks at a fox.

    "Afternoon, Mr. Lyle. Afternoon, Doctor. I got your wire, and I've been
    standing in that doorway since one o'clock drinking the worst beer in
    Clerkenwell. I hope this is worth it. Is this the gentleman?"

    "This is Mr. Cyril Ashby, Inspector, who has a letter which he wishes to
    show you."

    Mr. Cyril's hand went to his breast pocket and stopped there. For a moment I
    thought he would run. Then the bolts were drawn back upon the other side of
    the door, and it opened, and an old man stood looking out at us over a pair
    of steel spectacles. He was bent and very thin, with a leather apron, and
    hands that were stained black at the fingertips.

    "Which of you is Mr. Lyle?" said he. "I have had two telegrams from you,
    sir, and I have kept my shop shut for the first time in forty years, and I
    have had this young gentleman beating upon my door for half an hour. I
    should like to know what it is all about."

    "It is about a parcel which Mr. Reginald Ashby sent you a fortnight ago, Mr.
    Teague. May we come in?"

    We crowded into the little shop, Hobbs last of all, with Mr. Cyril before
    him, and Miss Quill and Mr. Pruett close behind. It was a low room, and
    every inch of every wall was hung with clocks, and every one of them was
    ticking. After the dead silence of the study at Ashby Hall the sound was
    like the chattering of a hundred birds.

    "Mr. Ashby," said the old clockmaker, taking off his spectacles, "was the
    best customer I ever had, and the best judge of a movement in England. I am
    sorry to hear he is gone. Yes, I have his parcel. It came by the carrier,
    with a letter. The letter said that I was to keep the box sealed, and give
    it up to nobody but himself, or to the person he should name in his own
    hand. I have it in my safe."

    "This gentleman says that he has such a letter," said Lyle. "Show it to Mr.
    Teague, Mr. Ashby."

    Slowly, as if his arm were made of lead, Mr. Cyril drew a folded paper from
    his pocket and held it out. The old man put on his spectacles again and read
    it through. Then he held it up to the window and read it again, and then he
    handed it, without a word, to Mr. Pruett.

    "That is not Reginald's hand," said the lawyer at once. "It is a good
    imitation of it, but it is not his. He never crossed a seven in his life,
    and this is crossed twice. Besides, it is dated the twelfth, and on the
    twelfth, as I happen to know, he was in bed with a cold and could not hold a
    pen."

    "I thought as much," said Mr. Teague quietly. "The writing was near enough,
    but the words were wrong. Mr. Ashby never called me Teague. He called me
    Jonah, and he had done so since we were boys."

    Inspector Hobbs stepped forward and took the paper out of Mr. Pruett's hand,
    and folded it, and put it carefully into his own pocket-book.

    "I'll keep this, I think," said he. "Uttering a forged document is a serious
    matter, Mr. Ashby. You'll stay where you are, if you please, until we've
    seen the end of this."

    "And now, Miss Quill," said Lyle, turning, "I think it is your turn."

    She came forward and gave the old man the vicar's letter. He looked at the
    black seal, and at the writing upon the envelope, and his face softened. He
    broke the seal, and unfolded the single sheet inside, and read it aloud,
    slowly, in a voice that was not quite steady.

    "Jonah, old friend. The young lady who brings you this is Miss Eleanor
    Quill, my ward, and the only person in the world I trust as I trust you.
    Give her the box. She will know what to do with what is inside it, and so
    will Pruett. If my nephew comes asking for it, give him nothing but my
    compliments, and tell him that the stars keep better time than he does. Your
    friend, Reginald Ashby. Witnessed by me, Arthur Allard, Clerk in Holy
    Orders, Vicar of St. Michael's, Hollowmere."

    "That is his hand," said Mr. Pruett, leaning over the old man's shoulder,
    "and that is his signature, and I would swear to both of them in any court
    in the kingdom."

    Mr. Teague went into the back of the shop, and we heard the heavy door of a
    safe swing open. When he came back he was carrying a small square box of
    polished mahogany, sealed across the lid with red wax. He set it down upon
    the counter, and with a little knife he cut the seals, and raised the lid.

    Inside, resting upon a bed of green baize, lay a beautiful little mechanism
    of brass and steel, a tiny train of wheels and arbors such as I had never
    seen, with a dial of stars upon its face. And folded flat beneath it, where
    the baize had been cut away to make room, lay a long document tied with pink
    tape.

    Mr. Pruett drew it out and untied the tape with hands that trembled a
    little, and ran his eye down the pages.

    "The last will and testament of Reginald Ashby, Esquire, of Ashby Hall, in
    the county of Surrey," he read, "signed on the ninth of November, in my own
    chambers, and witnessed by my own clerks. It is perfectly in order, Miss
    Quill. Perfectly in order. I congratulate you."

    Miss Quill did not answer. She had sat down upon the stool beside the
    counter, and she was looking not at the will but at the little movement with
    its dial of painted stars. I saw that she was crying, quietly, as she had
    not cried in all the days since her guardian died. No one spoke. Around us,
    upon every wall, the clocks of Clerkenwell went on ticking.
    """#
}
