extension BuiltinCorpus {
  /// Chapter IV. What the Gardener's Boy Saw
  static let chapter4 = #"""
    Chapter IV. What the Gardener's Boy Saw

    Tom Ridley was found in the kitchen garden, digging over a bed of leeks with
    a great deal more energy than the leeks required. He put down his spade when
    he saw us coming, and stood turning his cap round and round in his hands,
    his face redder than ever.

    "Now, Tom," said Lyle, sitting down upon an upturned barrow as if he had all
    the time in the world, "I want you to tell me about Thursday night. You were
    out late, I think."

    The boy's mouth fell open. "Who told you that, sir?"

    "Nobody told me. You have a scratch across the back of your hand which is
    about five days old, and it is just such a scratch as a bramble makes. There
    are brambles along the bank of the stream below the lawn, and the best place
    in the parish for setting a snare for rabbits is along that bank. I do not
    suppose a boy of your age goes setting snares at noon."

    Tom looked at his hand, and then at Lyle, and then at Miss Quill, and at
    last he grinned sheepishly.

    "It's true, sir. I was down by the willows. Father would leather me if he
    knew, but Master never minded a rabbit or two. He used to say that the
    rabbits were his tenants and I was his rent-collector."

    "Then you will tell me what you saw, and I promise you that your father
    shall hear nothing of it from me. What time did you go down to the stream?"

    "It would be a bit after midnight, sir. I heard the hall clock go off, and
    it went on striking and striking, and I thought it would never stop. That
    was as I came past the end of the house. And I looked up, and there was a
    light in the hall window, and somebody moving about in there with a candle."

    "Could you see who it was?"

    "No, sir. Only a shadow. But I waited a bit under the cedar, because I did
    not want to be seen, and then the front door opened and Mr. Cyril came out
    on the step. He stood there a minute smoking a cigarette, and then he went
    back in. I knew him by his white scarf, sir. He always wears a white scarf."

    "Very good. And then?"

    "Then I went down to the stream and set my wires, sir, and it took me a good
    while, because the moon was clouded over. When I came back it must have been
    two o'clock, or near it, for I heard Hollowmere church strike two as I was
    crossing the lawn. And there was a light in the study. The curtains were not
    drawn, sir, and I could see Master in his big chair by the fire, and
    somebody standing over him. And I heard somebody call out, sharp like, but I
    couldn't hear what."

    Miss Quill gave a little cry, and put her hand to her mouth.

    "Who was standing over him, Tom?"

    "I couldn't say, sir, not for certain. He had his back to the window. But he
    was a tall man, and thin, and I don't think he had a white scarf on. I
    didn't stop to look. I was frightened of being caught with the rabbits, and
    I ran home round the back of the stables and went to bed. In the morning
    they said Master was dead, and I thought I ought to tell somebody, but I was
    afraid they would ask what I was doing out, and Father would have killed
    me."

    "You have told somebody now," said Lyle gently, "and you have done very
    well. Go on with your leeks, Tom, and hold your tongue, and you shall have
    half a crown for every rabbit you did not catch on Thursday night."

    As we walked back towards the house, Lyle was silent for some time. At last
    he said, half to himself, "A tall man, and thin. Mr. Cyril is neither. Well,
    Varga, what do you make of it?"

    "I hardly know what to make of it. It seems that Mr. Ashby was alive at two
    o'clock, and that somebody was with him. If it was not Mr. Cyril, who was
    it?"

    "Who is tall and thin in this house, and who says that he found his master
    dead at half past seven in the morning?"

    "Grimsby," said I.

    "Grimsby. And now consider the hall clock once more. Its pendulum was
    stopped by hand at twenty minutes past two. You are a medical man, Varga,
    and you have been in many houses where there has been a death. What do the
    old servants do, in the old-fashioned houses, when the master dies?"

    I stopped short upon the gravel. "Of course! They stop the clocks. They stop
    them at the hour of the death, as a mark of respect. My own grandmother
    would have no other way."

    "Exactly so. An old servant of the old school, who has been twenty years in
    the house, finds his master dead in the night. He is shocked, and
    frightened, and he does not think. He does what his father and his
    grandfather did before him. He goes into the hall and stops the clock. And
    having stopped it, he cannot start it again without being seen, and he has
    forgotten, when he tells his story in the morning, that the clock is there
    to tell a different one. A clock is the only honest servant in the house,
    Miss Quill. Your guardian was right."

    "Then Grimsby knew," said Miss Quill slowly, "that my guardian was dead at
    twenty past two. And he said nothing until the morning. Why? What was he
    doing all those hours?"

    "That," said Lyle, "is what we must find out. And I think that the answer
    lies in that study, among the drawers and papers that were all so neatly in
    order when you searched them on Friday. A man had five hours, Miss Quill, in
    which to look for a will. I do not think he wasted them."

    After luncheon Lyle announced that he wished to take a walk, and Miss Quill
    offered to show us the way to Hollowmere. The village lay a mile off across
    the fields, a cluster of brown cottages about a green, with a duck pond, an
    inn called the Wheatsheaf, and a little grey church with a squat tower. The
    church, Miss Quill told us, was St. Michael's, and the vicar was the Rev.
    Mr. Allard, who had been her guardian's oldest friend in the parish.

    "Then we shall call upon the Rev. Mr. Allard," said Lyle, "but first I have
    two telegrams to send."

    He went into the post office, which was also the grocer's shop, and was
    there for ten minutes. When he came out, he told me that he had wired to Mr.
    Teague in Clerkenwell, asking him to hold the parcel for nobody at all until
    he should call in person, and to Inspector Hobbs at Scotland Yard, asking
    him to meet us in St. John Street on the following afternoon.

    "Hobbs will come," said he. "He always comes, and he always grumbles, and he
    is always glad afterwards. Now for the vicar."

    The vicarage stood beside the churchyard, a rambling house half buried in
    laurels. Mr. Allard was an old man with white hair and a gentle,
    absent-minded manner, who received us in a study even more crowded with
    books than Mr. Ashby's was with clocks. When Lyle explained our errand, the
    old man took off his spectacles and polished them slowly.

    "Dear me," said he. "Dear me. Then I suppose I had better give you the
    letter."

    "The letter, sir?"

    "Reginald brought it to me a fortnight ago. He made me witness his
    signature, and then he sealed it and told me to keep it in my desk. 'If
    anything happens to me, Allard,' he said, 'and if there is any trouble about
    my affairs, give this to Eleanor, and tell her to take it to Clerkenwell.' I
    thought it was one of his jokes. He was a great one for his little
    mysteries. I had quite forgotten it until this moment, I am ashamed to say.
    I am a forgetful old man, Mr. Lyle."

    He unlocked a drawer of his desk, and took out a long envelope sealed with
    black wax, and put it into Miss Quill's hands. Upon it was written, in a
    small, firm, old-fashioned hand, "For Miss Eleanor Quill, to be shown to Mr.
    J. Teague."

    "The person named in his own hand," said Lyle, and for the first time that
    day I saw him smile.
    """#
}
