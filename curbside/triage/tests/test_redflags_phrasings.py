"""Phrasings written for Curbside's own tests, not taken from any data set:
emergencies in many voices must be flagged; questions that only mention alarming
words (denied, past, someone else's, educational, figurative) must not be; the
see-a-doctor-soon tier must not be mistaken for an emergency."""

import pytest

from curbside.triage.redflags import assess

EMERGENCIES = [
    (
        "",
        "I think I'm having a heart attack, my chest feels like an elephant is sitting on it",
    ),
    ("", "my wife's face is drooping on the left and she can't lift her arm"),
    ("Crushing chest pain", "It came on while I was carrying the shopping."),
    ("", "feels like someone is sitting on my chest and I can't shake it"),
    ("", "my chest feels like it is in a vice since I woke up"),
    ("", "been stung by a wasp and my throat is closing up, can't swallow"),
    ("", "I don't want to be here anymore, I've saved up my pills"),
    ("", "I took 30 paracetamol an hour ago but I feel fine"),
    ("", "my son drank bleach from under the sink"),
    ("", "bleeding from my leg won't stop, it's soaked through three towels"),
    ("", "my daughter has had a seizure for 7 minutes and it won't stop"),
    ("", "my baby is 6 weeks old and has a temperature of 38.2"),
    ("", "my lips are blue and I can't catch my breath"),
    (
        "",
        "sudden worst headache of my life, like a thunderclap, came on 20 minutes ago",
    ),
    ("", "38 weeks pregnant and bleeding heavily with bad pain"),
    ("", "grandad is really confused and his blood sugar is 2.1, he's diabetic"),
    ("", "my husband isn't breathing properly and won't wake up"),
    ("", "I'm going to kill myself tonight"),
    ("", "I've been cutting myself and it's deep and won't stop bleeding"),
    ("", "suddenly can't see out of my left eye, it's like a curtain came down"),
    ("", "sudden severe pain in my testicle and I'm throwing up, I'm 15"),
    ("", "my toddler is choking on a grape and going blue"),
    ("", "fever, stiff neck and a rash on my legs"),
    ("", "chest pressure spreading to my jaw and I feel sick and sweaty"),
    ("", "can't get my words out and my face feels numb on one side"),
    ("", "I can't breathe, my asthma inhaler isn't helping at all"),
    ("", "my 2 month old has a fever of 38.5 and won't feed"),
    ("", "he fell down the stairs, hit his head and now keeps vomiting and is drowsy"),
    ("", "i swallowed a whole bottle of my sleeping pills 20 mins ago"),
    ("", "my mum took too many of her heart tablets by accident"),
    ("", "i'm sitting in the car with a hose, i want it to be over"),
    ("", "just got stung and my face and tongue are swelling, feel dizzy"),
    ("", "crushing pain in the middle of my chest going down my left arm"),
    ("", "my heart is racing at 190 and I'm about to pass out"),
    ("", "my dad's speech is slurred and his arm is weak, started 30 minutes ago"),
    ("", "there's so much blood, I cut my hand on glass and it's pouring out"),
    ("", "my boyfriend collapsed and isn't breathing"),
    ("", "my baby is floppy and has a rash that doesn't fade under a glass"),
    ("", "had a baby last week and now heavy bleeding with big clots and dizzy"),
    ("", "I'm on insulin and my husband says I'm confused and sweaty"),
    ("", "severe burns on my arm from boiling oil, skin is white and leathery"),
    ("", "he's been fitting for 6 minutes"),
    ("", "my sister says she wants to end her life and has a rope"),
    ("", "33 weeks pregnant and the baby has not moved all day"),
    ("", "can't breathe properly after a bee sting, my throat feels tight"),
    ("", "I feel like I'm dying, shaking uncontrollably, temp 40 after my operation"),
    (
        "",
        "gave my son his epipen 10 minutes ago after he ate a cashew, he seems better now, do we still need to go in?",
    ),
    (
        "",
        "my husband is type 1 and he's acting really weird and confused, slurring, sweaty",
    ),
    ("", "dad's sugar reading says LO and he's barely responding"),
    (
        "",
        "woke up with a blinding headache, worst ever, and my neck is stiff, throwing up",
    ),
    (
        "",
        "my 16 year old son woke up with terrible pain in one testicle and he's been sick",
    ),
    (
        "",
        "working outside all day in the heat, now confused, stopped sweating, very hot skin",
    ),
    ("", "my teenager told me she swallowed all of her antidepressants this afternoon"),
    ("", "i cant stop shaking and my heart is going 180, took a lot of my ADHD meds"),
    (
        "",
        "granny fell and now she can't stand, her leg is twisted and shorter, and she's very pale and cold",
    ),
    ("", "my friend is passed out and we can't get her to respond, she drank a lot"),
    ("", "bad pain right side of my belly and now I feel faint, I'm 7 weeks pregnant"),
    ("", "my 2 week old is breathing really fast and grunting, won't feed"),
    (
        "",
        "my arm and face went numb for 20 minutes this morning and I couldn't speak properly, now fine",
    ),
    ("", "husband is having chest pain and says his jaw hurts, he's grey and sweating"),
    ("", "wheezing badly, can't finish a sentence, my reliever isn't doing anything"),
    ("", "my wife has been vomiting blood this evening and feels faint"),
    ("", "I cut my wrist and it's gushing"),
    ("", "i've taken all my tablets and i've written a note"),
    (
        "",
        "my daughter is saying she wants to die and has been cutting her arms tonight",
    ),
    ("", "my toddler got into the dishwasher tablets and has foam around her mouth"),
    ("", "he's unconscious after hitting his head falling off his bike"),
    (
        "",
        "my 70 year old mum has sudden weakness on her right side and her face looks droopy",
    ),
    (
        "",
        "Burned my whole arm with boiling water, huge blisters, skin peeling off, in agony",
    ),
    ("", "I think I have sepsis, temp 39.5, shivering, heart racing 125, feel awful"),
    (
        "",
        "my baby's lips went blue while feeding and she went floppy for a few seconds",
    ),
    (
        "",
        "can't breathe properly, my lips are tingling and my throat feels swollen after the new antibiotic",
    ),
    (
        "",
        "pregnant 30 weeks, terrible headache, seeing flashing lights and my face is swollen",
    ),
    ("", "my son swallowed a magnet or two from his sister's toy"),
    (
        "",
        "been throwing up for 2 days, now my breath smells fruity and I'm really drowsy, type 1",
    ),
    (
        "pain in chest very strong",
        "my husband 58 have pain in chest very strong since 30 minute, he is sweating and vomit",
    ),
    (
        "cant breath properly",
        "i cant breath properly, wheezing and my lips are going purple",
    ),
    (
        "mom speaking strange",
        "my mom is speaking strange words since this morning and she cant lift her left arm",
    ),
    (
        "allergic reaction",
        "my face is swelling up after eating nuts and I'm having trouble breathing",
    ),
    (
        "i want to end it",
        "i have the pills ready and i'm going to take them tonight. nobody will miss me",
    ),
    (
        "took too much",
        "my brother took too many of his sleeping pills, he is very sleepy and not making sense",
    ),
    (
        "baby fever",
        "our baby is 8 weeks old and has a temperature of 38.3, should we give calpol?",
    ),
    (
        "headache worst ever",
        "suddenly got the worst headache of my life while lifting weights 1 hour ago and threw up",
    ),
    ("seizure not stopping", "my dad is having a seizure and its been over 5 minutes"),
    (
        "bleeding a lot",
        "I'm 10 weeks pregnant and bleeding a lot with really bad cramps, soaking pads",
    ),
    (
        "fell and hit head",
        "my son (6) fell from the trampoline, hit his head, now he is vomiting again and again and very sleepy",
    ),
    (
        "chest pain young",
        "I'm 30 and have chest pressure spreading to my left arm, feel sick and clammy",
    ),
    (
        "stiff neck fever",
        "high fever, really bad headache, my neck is stiff and light hurts my eyes",
    ),
    ("blue baby", "my baby is turning blue around the lips and breathing is weird"),
    (
        "overdose paracetamol",
        "I took 24 paracetamol yesterday because I was upset. I feel ok now. Do I need to go to hospital?",
    ),
    ("passed out", "my wife collapsed in the kitchen and isn't waking up properly"),
    (
        "sepsis",
        "since yesterday fever 40, shivering, confused and peeing nothing, skin blotchy",
    ),
    ("belly pain", "terrible belly pain and my stomach is hard as a rock, cant move"),
    ("chemical", "got bleach in my eyes while cleaning, it burns so much"),
    ("dizzy and black stool", "vomiting blood this morning and feel like fainting"),
    ("self harm", "i cut myself really deep and it wont stop bleeding"),
    ("cant feel legs", "after a fall from a ladder my dad cant move his legs"),
    (
        "kid swallowed",
        "my 3 year old swallowed a button battery from the tv remote an hour ago",
    ),
    ("anaphylaxis", "lips and tongue swelling fast after a bee sting"),
    ("asthma", "asthma attack, inhaler not working, can't talk"),
    (
        "my dad is acting drunk but he hasn't had anything",
        "He's diabetic on insulin, skipped lunch, now sweaty, shaky and not making much sense. Should I just let him sleep?",
    ),
    (
        "baby not waking for feeds",
        "My 6 week old is very hard to wake up and hasn't fed for 8 hours, she feels hot.",
    ),
    (
        "toddler breathing weird",
        "My 18 month old is breathing really fast, the skin between his ribs is sucking in with each breath and he's too tired to drink",
    ),
    (
        "heart pounding after energy drinks",
        "Had 4 energy drinks, now my heart is beating 190 and I feel faint and my chest hurts.",
    ),
    (
        "kid hit by car",
        "my son was hit by a car on his bike, he says his tummy hurts a lot and he's gone very pale",
    ),
    (
        "friend took pills",
        "my friend just told me she took a whole packet of paracetamol an hour ago, she says she's fine",
    ),
    (
        "pain in leg and now breathless",
        "I had a swollen painful calf for a few days and now suddenly I'm short of breath and coughing up blood",
    ),
    (
        "face numb and arm weak then better",
        "An hour ago half my face went numb and my arm felt weak for 10 minutes, it has passed now. Do I need to do anything?",
    ),
    (
        "ate peanut, using epipen",
        "my daughter ate a peanut cookie and her lips are swelling and she's coughing, I already gave her the epi pen",
    ),
    ("help", "i just took all my pills. i don't know what to do"),
    (
        "burns on child",
        "My toddler pulled a cup of boiling tea onto his chest, the skin is blistering badly",
    ),
    (
        "electric shock",
        "my husband got an electric shock from the fuse box and now his heart feels like it's skipping and he feels strange",
    ),
    (
        "eye injury",
        "a bit of metal flew into my eye while grinding, now I can't see properly out of it",
    ),
    (
        "severe allergic",
        "Ate prawns, now hives everywhere, my throat feels tight and I'm wheezing",
    ),
    (
        "vomit and headache after fall",
        "My grandmother fell yesterday and hit her head, she's on blood thinners and now has a headache and vomited twice",
    ),
    (
        "can't stop shaking",
        "Alcoholic, stopped drinking 3 days ago, now shaking badly and sweating, I think I saw things",
    ),
    (
        "pregnant fluid leaking",
        "32 weeks pregnant and my waters broke, fluid is greenish",
    ),
    (
        "suddenly can't walk",
        "Sudden severe back pain, my legs went numb and I've wet myself without knowing",
    ),
    (
        "confused elderly",
        "My 85 year old mum is suddenly very confused since this morning, has a fever and isn't making sense",
    ),
    (
        "stabbed",
        "my brother got stabbed in the stomach, it's bleeding a lot, ambulance is slow",
    ),
    (
        "whole family headaches",
        "All four of us have headaches and feel sick since the new gas heater went on, the dog is sleepy too. Now my daughter fainted.",
    ),
    (
        "son hearing voices",
        "My son is hearing voices telling him to hurt people and he has a knife, he won't let me near him.",
    ),
    (
        "pregnant sharp pain shoulder",
        "6 weeks pregnant, severe pain low on my left side and I feel dizzy and faint.",
    ),
    (
        "can't pee at all",
        "I'm 70, haven't been able to pee for 14 hours, belly swollen and very painful.",
    ),
    (
        "sudden eye pain",
        "Sudden severe pain in my right eye, red, blurred vision, halos around lights, vomiting.",
    ),
    (
        "swallowed fish bone",
        "a fish bone is stuck in my throat, I'm drooling and can't swallow my spit.",
    ),
    (
        "baby dehydrated",
        "my 4 month old has had diarrhoea all day, no wet nappy for 10 hours, sunken soft spot, very sleepy.",
    ),
    ("vomiting green", "my 3 week old baby is vomiting green bile."),
    ("bee sting throat", "got stung in the mouth by a wasp, tongue getting big."),
    (
        "dizzy and chest pain pregnant",
        "34 weeks pregnant, sudden chest pain and short of breath.",
    ),
    (
        "mum not herself",
        "mum 80 is drowsy, confused and has a temperature, cold hands, breathing fast",
    ),
    ("ketones", "Type 1, ketones 3.5, vomiting, tummy pain, breathing deep and fast."),
    (
        "chest hurts when breathing cycling",
        "Crashed my bike, hit my chest on the handlebars, now it hurts to breathe and I'm getting more breathless.",
    ),
    (
        "sudden headache vomit",
        "sudden thunderclap headache 30 minutes ago, neck pain, vomited.",
    ),
    (
        "overdose insulin",
        "I accidentally injected my whole long acting insulin dose twice tonight, 80 units.",
    ),
    (
        "my dad's lips grey",
        "dad collapsed at dinner, his lips are grey and he's gasping weirdly",
    ),
    (
        "kid swallowed pills",
        "My 2 year old got into my blood pressure pills, maybe 3 missing.",
    ),
    (
        "heavy bleeding after miscarriage pills",
        "took the miscarriage tablets yesterday, now soaking 2 pads an hour and dizzy",
    ),
    (
        "allergic face after antibiotics",
        "My face and lips swelled up after the first amoxicillin dose and my voice sounds hoarse.",
    ),
    (
        "cold and blue child",
        "found my son in the snow, he's cold, confused and his speech is slurred",
    ),
    (
        "probably nothing but",
        "Probably nothing but my left arm and the left side of my face feel heavy and tingly since about 40 minutes and my words come out a bit wrong. I'm 52. I don't want to bother anyone.",
    ),
    (
        "sister says weird stuff",
        "my sister (34) texted me she took the rest of her tramadol and some vodka and wants to sleep forever. she isn't answering now",
    ),
    (
        "my father not good",
        "my father 75 fall down in bathroom 1 hour ago, now he not speak normal and one side of face is down. we give him water. what to do?",
    ),
    (
        "feel like heart attack",
        "pain in middle of chest like a heavy weight, going into my jaw, started while shovelling snow 20 min ago, I'm 64, sweaty",
    ),
    (
        "pregnant bleeding",
        "I'm 11 weeks and suddenly bleeding heavily with clots and cramping, I've gone through 3 pads in an hour",
    ),
    (
        "my son is very ill",
        "my son 4 years has fever 40, he is very sleepy, I can't wake him properly, and has small purple spots on his legs",
    ),
    (
        "throat infection got worse",
        "Tonsillitis for 4 days, now I can't open my mouth properly, can't swallow my saliva and my voice sounds like a hot potato.",
    ),
    (
        "asthma kid",
        "my daughter's asthma is bad tonight, the blue inhaler helps only for 20 min, she's struggling to talk and her lips are pale",
    ),
    (
        "sudden headache in gym",
        "Got a sudden explosive headache during deadlifts, worst ever, now neck stiff and I feel sick.",
    ),
    (
        "infected wound now confused",
        "Leg wound infected for a week, now dad is confused, breathing fast and his skin is mottled.",
    ),
    (
        "after surgery calf and breathing",
        "Had knee surgery 10 days ago. Today my calf is swollen and now I'm suddenly breathless with sharp chest pain when I breathe in.",
    ),
    (
        "swallowed battery",
        "my 2 yr old might have swallowed a small round battery from a toy an hour ago, she's coughing a bit",
    ),
    (
        "hot and confused",
        "grandad was gardening in the heat all afternoon, now he's confused and very hot and not sweating",
    ),
    (
        "can't breathe after food",
        "ate at a new restaurant, my lips tingle and my throat feels tight and scratchy, hard to swallow, is this allergy?",
    ),
    (
        "diabetic low",
        "my wife is diabetic and is sweating, shaking and confused, she's not making sense and is very drowsy",
    ),
    (
        "weird feeling in chest and arm",
        "Since lunch I've had a squeezing in my chest that goes into my left arm, I feel clammy. I'm 58, smoker.",
    ),
    (
        "husband can't smile",
        "My husband's mouth is drooping on one side and his words are slurry since he woke up from his nap 30 mins ago",
    ),
    ("choking kid", "my son is choking on a sweet and can't breathe or cough!"),
    (
        "blood everywhere nosebleed",
        "Nosebleed for an hour that won't stop, I'm on warfarin, blood is pouring and I feel faint",
    ),
    (
        "child swallowed cleaning stuff",
        "my toddler drank some drain cleaner, her mouth is burned and she's drooling",
    ),
    (
        "man on street",
        "man collapsed outside my house, he's not breathing, what do I do",
    ),
    (
        "pregnant and fitting",
        "I'm 37 weeks pregnant and my sister just had a fit in front of me, she's also pregnant",
    ),
    (
        "newborn yellow and sleepy",
        "my 5 day old is very yellow, very sleepy and won't feed",
    ),
    (
        "feel like i'm dying",
        "I feel like I'm going to die, heart pounding out of my chest, can't breathe, pain in my chest, sweating",
    ),
    (
        "bad allergic",
        "after my tablet my whole body is covered in hives and my throat feels like it's closing",
    ),
    (
        "drank too much",
        "friend drank a whole bottle of vodka, now unconscious and vomiting, we can't wake him",
    ),
    (
        "pain in testicles",
        "woke up with sudden agony in my left testicle, it's swollen and I'm vomiting, I'm 14",
    ),
    (
        "dad swallowing",
        "Dad suddenly can't swallow or speak clearly and his face feels weird, started 20 min ago",
    ),
    (
        "she stopped breathing",
        "my baby stopped breathing for a moment and went limp and pale, now she's breathing but floppy",
    ),
    (
        "can't feel my arm",
        "I suddenly can't feel or move my right arm and my speech is slurred",
    ),
    (
        "hurting myself",
        "I've taken a razor to my arms tonight and it's deep, I can see fat, it won't stop bleeding",
    ),
    ("chest pain cocaine", "took coke, chest pain, arm numb, sweating heavily"),
    (
        "elderly fall blood thinner",
        "Nan fell and banged her head, she's on apixaban, now she's confused and sleepy",
    ),
    (
        "pregnancy severe pain",
        "8 weeks pregnant with terrible pain on one side and I fainted",
    ),
    (
        "sun stroke kid",
        "my son has been in the sun all day, now hot, floppy and confused",
    ),
]

NOT_EMERGENCIES = [
    ("", "no chest pain, no shortness of breath, just a cough for a week"),
    ("", "denies chest pain or sweating, wants to know about cholesterol"),
    ("", "I had a stroke in 2019 and want to know if I can fly"),
    ("", "which warning signs of a heart attack should a 60 year old know?"),
    ("", "how do you know if someone is having a stroke?"),
    ("", "my dad had a heart attack last year, should I get my cholesterol checked?"),
    ("", "this exam is killing me, I can't sleep"),
    (
        "",
        "I felt like there was an elephant sitting on my chest when I saw the bill lol",
    ),
    ("", "my aunt overdosed ten years ago and I still think about it"),
    ("", "is Plan B effective the day after?"),
    ("", "I'm not suicidal, just sad after my divorce"),
    ("", "my friend had a seizure at a party last month, is epilepsy genetic?"),
    ("", "what should I do if my child swallows a button battery?"),
    ("", "I'd rather die than go back to that dentist haha"),
    ("", "I have stable angina and wonder if I can take up swimming"),
    ("", "what is the first aid for a burn?"),
    ("", "my grandfather died of a heart attack in 1998, am I at risk?"),
    (
        "",
        "I get chest pain only when I laugh too hard, otherwise fine? no sweating no breathlessness",
    ),
    ("", "had a seizure as a teenager, none since, can I drive?"),
    ("", "my coworker overdosed last year and I keep thinking about it"),
    ("", "how quickly should you act if you think someone has had a stroke?"),
    ("", "my blood pressure is 128/82, is that ok?"),
    ("", "my dog is vomiting blood, what do I do"),
    ("", "can Emergen-C help my cold?"),
    ("", "I'm dying to know if coffee is bad for my heart"),
    ("", "in case my toddler ever has an allergic reaction, how do I use the epipen?"),
    ("", "my heart skipped a beat when I saw the scan result"),
    ("", "my cat had a seizure yesterday"),
    ("", "never had any chest pain or fainting, just palpitations sometimes"),
    ("", "my legs are dead after the marathon"),
    ("", "took 2 ibuprofen for my headache, is that ok with coffee"),
    ("", "my son swam the butterfly stroke at the gala and his shoulder hurts"),
    ("", "I get a stitch in my side when running, is that normal?"),
    ("", "I had sepsis two years ago and still get tired, is that normal?"),
    ("", "my grandad had a stroke in the 90s, does it run in families?"),
    ("", "can you explain what anaphylaxis is and how epipens work?"),
    ("", "I'm not having any chest pain, just want to know about statins"),
    ("", "I overdosed on coffee today lol, shaky hands"),
    ("", "my boss gave me a heart attack with that news"),
    ("", "my son fell off his bike last week, scraped knee healing fine"),
    ("", "type 1 diabetic, good control, can I drink at a party?"),
    ("", "I fainted once at a blood test years ago, will it happen again?"),
    ("", "how dangerous is a 'thunderclap headache'? my friend had one last year"),
    ("", "my mum had a seizure last year and now takes keppra, can she drive?"),
    (
        "",
        "My dad collapsed and died of a heart attack when I was 12. Should I be screened?",
    ),
    ("", "does ibuprofen cause stomach bleeding if taken long term?"),
    ("", "no blood in my stool, no weight loss, but a bit of bloating"),
    ("", "we learned CPR at work today, how often should you do chest compressions?"),
    ("", "I'm 36 weeks pregnant, baby moving loads, can I still fly?"),
    ("", "What should I do if my epileptic son has a fit at school?"),
    ("", "my chest hurts when I press on it after the gym, no breathlessness"),
    (
        "",
        "I was suicidal in my twenties but I'm fine now, can I stop my antidepressants?",
    ),
    (
        "stable angina and hill walking",
        "I have stable angina, my GTN spray works within a minute when I get tightness on steep hills. Is it safe to keep hiking?",
    ),
    (
        "epilepsy well controlled",
        "Seizure free for 3 years on levetiracetam. Can I go on a rollercoaster?",
    ),
    (
        "botox droopy eyelid",
        "Had Botox in my forehead 10 days ago and now one eyelid droops a bit. Will it wear off?",
    ),
    (
        "lip filler swelling",
        "Got lip filler yesterday and my lips are swollen and bruised, is that normal?",
    ),
    (
        "sclerotherapy bruising",
        "After sclerotherapy on my legs the veins look darker and bruised, normal?",
    ),
    ("Rescue Remedy", "is Rescue Remedy safe with sertraline?"),
    ("deathly tired", "I'm dead tired every afternoon at work, is it my thyroid?"),
    ("choking hazard", "At what age are grapes no longer a choking hazard for kids?"),
    (
        "my dad's COPD",
        "My dad has COPD and gets breathless on stairs, is pulmonary rehab worth it?",
    ),
    (
        "chest infection",
        "Chesty cough for a week, green phlegm, no breathing trouble, do I need antibiotics?",
    ),
    (
        "heavy period",
        "My periods are heavy on day one, I change a pad every 3 hours. Normal?",
    ),
    (
        "fainting history",
        "I used to faint when I stood up quickly as a teenager. Now I'm 30 and fine. Could it come back?",
    ),
    (
        "daughter's febrile seizure",
        "My daughter had a febrile seizure when she was 2, she's 6 now. Does she need an EEG?",
    ),
    (
        "suicide in film",
        "My son watched a film about suicide at school and had questions. How do I talk to him?",
    ),
    (
        "bleeding after tooth extraction",
        "Tooth out 2 days ago, a little pink in my spit, no real bleeding. Normal?",
    ),
    (
        "stroke risk AFib",
        "I have AFib and my doctor says I'm at risk of stroke. Should I take apixaban?",
    ),
    (
        "allergy test",
        "Can I get tested for a shellfish allergy? I had hives once after prawns years ago.",
    ),
    ("sats 96", "My sats are 96% and I feel fine, is that ok for a 70 year old?"),
    (
        "kids poison-proofing",
        "How do I make my kitchen safe from poisoning hazards for a toddler?",
    ),
    (
        "chest pain anxiety",
        "I've had chest pain tests, ECG normal, cardiologist says it's anxiety. How do I stop worrying?",
    ),
    (
        "overdose prevention",
        "How much paracetamol is too much in a day? I want to be careful.",
    ),
    (
        "grandma's dementia",
        "My grandma gets confused in the evenings, she has dementia. Is sundowning treatable?",
    ),
    (
        "pregnant and bleeding gums",
        "I'm 20 weeks pregnant and my gums bleed when I brush. Normal?",
    ),
    ("newborn weight", "My 2 week old lost 8% of birth weight, is that ok?"),
    (
        "mum's hip",
        "my mum broke her hip last year and is scared of falling again, exercises?",
    ),
    ("IBS", "Bloating and cramps after meals for years, colonoscopy normal. IBS diet?"),
    (
        "quit smoking chest",
        "Since I quit smoking I cough more and my chest feels a bit tight in the mornings. Normal?",
    ),
    (
        "marathon collapse news",
        "A runner collapsed at the marathon on TV. Should I get an ECG before my first race?",
    ),
    (
        "neighbour's stroke",
        "Our neighbour was taken to hospital with a stroke on Tuesday. How can we help his wife?",
    ),
    (
        "friend in ICU",
        "My friend was in ICU with sepsis in the summer, now she's home and exhausted. Is that normal?",
    ),
    (
        "dad's bypass",
        "Dad had a triple bypass after a heart attack in 2022. Can he start jogging?",
    ),
    (
        "panic attacks",
        "I get panic attacks with chest tightness and tingling hands, always passes in 10 minutes. Doctor checked my heart. Any tips?",
    ),
    ("what is sepsis", "What is sepsis and how is it different from an infection?"),
    (
        "recognise a stroke",
        "Can you explain the FAST test for stroke? I'm caring for my grandmother.",
    ),
    (
        "first aid kit",
        "What should be in a first aid kit for a family with a baby? Burns, cuts, choking?",
    ),
    (
        "negation many",
        "No chest pain, no breathlessness, no fainting, no sweating, just a twinge in my shoulder when I lift.",
    ),
    (
        "denied",
        "Hospital letter says 'denies suicidal ideation, no self-harm'. What does ideation mean?",
    ),
    (
        "head bump toddler",
        "My toddler bumped his head on the table an hour ago, cried straight away, now playing and eating normally, no vomiting.",
    ),
    (
        "old concussion",
        "I had a concussion playing rugby 3 years ago. Can I go back to contact sports?",
    ),
    (
        "seizure dog",
        "Our dog has seizures, the vet prescribed phenobarbital. Is that the same drug as for humans?",
    ),
    (
        "allergy plan",
        "My son has a nut allergy. What should I tell his school about using his EpiPen if he ever needs it?",
    ),
    (
        "anaphylaxis history",
        "I had anaphylaxis to penicillin in 2010. Is amoxicillin safe?",
    ),
    ("blood donation", "I fainted after giving blood last month. Can I donate again?"),
    (
        "heavy periods history",
        "I used to have heavy bleeding with clots until my hysterectomy. Now menopause symptoms, HRT?",
    ),
    (
        "ectopic question",
        "How would I know if I had an ectopic pregnancy? I'm 5 weeks and feel fine.",
    ),
    (
        "overdose friend past",
        "My best friend took an overdose when we were at school. I still think about it. Should I get counselling?",
    ),
    (
        "blue fingers cold",
        "My fingers go white then blue in the cold and tingle, then red when warm. Raynaud's?",
    ),
    (
        "baby breath holding",
        "My 1 year old holds his breath when he cries and once went a bit blue for a few seconds months ago. Is breath holding dangerous?",
    ),
    (
        "killing me figure",
        "This back pain is killing me, 3 weeks now, no numbness, no bladder issues. Physio?",
    ),
    (
        "cardiac rehab",
        "Finished cardiac rehab after my heart attack last year, feeling strong. Can I do a half marathon?",
    ),
    (
        "grief",
        "My mum died after a stroke in February. I can't stop crying. Is this normal grief?",
    ),
    (
        "TV drama",
        "In a TV show someone had a seizure and they put something in his mouth. Is that right?",
    ),
    (
        "what to watch for after fall",
        "My dad fell yesterday, no head hit, bruised hip, walking fine. What should I watch for?",
    ),
    (
        "old stab wound",
        "I was stabbed years ago and the scar aches in cold weather. Normal?",
    ),
    (
        "pregnancy headache mild",
        "I'm 14 weeks pregnant and get mild headaches in the afternoon, paracetamol helps. OK?",
    ),
    (
        "diabetic low history",
        "Type 1 for 20 years, had a bad hypo at night last year. Should I get a CGM?",
    ),
    (
        "thunderclap explained",
        "My doctor said my headache wasn't a thunderclap headache. What would one feel like?",
    ),
    (
        "confused grandmother history",
        "Grandma was confused when she had a UTI last winter. How do we spot it early next time?",
    ),
    ("", "my 5 year old took his iron tablets this morning as usual, ok with milk?"),
    ("", "My daughter swallowed her antibiotic tablet whole, is that ok?"),
    ("", "my husband has a knife cut on his thumb that looks infected"),
    ("", "I got my flu shot yesterday and my arm is sore."),
    ("", "I was stabbed in 2015 and the scar itches in winter."),
    (
        "friend in hospital",
        "My friend is in hospital after a heart attack, what can I bring her?",
    ),
    (
        "dad recovering stroke",
        "Dad is recovering from a stroke in rehab now, how can we help his speech at home?",
    ),
    (
        "son's epilepsy",
        "My son has epilepsy and had a seizure at school today, it stopped after a minute like always and he's back to normal. Should I tell his neurologist?",
    ),
    (
        "cousin overdose",
        "My cousin is in rehab after an overdose, how do I talk to her?",
    ),
    (
        "mum sepsis ICU",
        "Mum is in ICU with sepsis, doctors say she's stable. What does lactate mean?",
    ),
    ("stroke prevention", "How can I lower my stroke risk? I'm 55 and overweight."),
    (
        "carbon monoxide alarm",
        "Should I get a carbon monoxide alarm for the boiler? Which type?",
    ),
    (
        "allergy testing",
        "I'm allergic to cats, eyes swell a bit when I visit my sister. Antihistamine before?",
    ),
    (
        "lip swelling mild",
        "Woke up with a slightly swollen lip, no other symptoms, probably bit it in my sleep.",
    ),
    (
        "baby vomit after feed",
        "My 2 month old spits up milk after most feeds but is gaining weight, happy. Reflux?",
    ),
    (
        "heat rash",
        "Heat rash on my chest after a hot day in the sun, itchy little red bumps.",
    ),
    (
        "diabetic and sweaty",
        "I'm type 2 on metformin, I sweat a lot at night. Menopause or sugar?",
    ),
    (
        "ketones in urine",
        "Urine test showed trace ketones, I'm on keto diet. Is that ok?",
    ),
    (
        "teen voices",
        "My teen says he sometimes hears his name called when nobody's there, otherwise fine, happy at school. Should I worry?",
    ),
    (
        "kitchen knife accident",
        "Cut my finger with a kitchen knife, small cut, bleeding stopped with pressure. Stitches?",
    ),
    (
        "black poo iron",
        "My poo is black since starting iron tablets, otherwise fine. Normal?",
    ),
    (
        "pins and needles",
        "Pins and needles in my left hand when I sleep on it, goes away when I shake it.",
    ),
    (
        "bf drinks",
        "My boyfriend drinks a bottle of wine every night. How do I get him to cut down?",
    ),
    (
        "chest pain after covid months",
        "Some chest tightness since covid 3 months ago, cardiologist said heart is fine, breathing tests normal. Long covid?",
    ),
    (
        "never had chest pain",
        "Never had chest pain and shortness of breath, just occasional palpitations after coffee. Worth an ECG?",
    ),
    (
        "no rash and no stiff neck",
        "Fever 38 for a day, no rash and no stiff neck, drinking fine, 6 year old. Calpol alternating?",
    ),
    (
        "no blood and no pain",
        "Pregnant 16 weeks, no bleeding and no pain, just itchy skin on my belly. Normal?",
    ),
    (
        "denies",
        "Notes say he denies chest pain and palpitations and syncope. What is syncope?",
    ),
    (
        "not confused",
        "Mum is 88, not confused and not drowsy, just tired after her UTI antibiotics. How long does it last?",
    ),
    (
        "swollen ankles",
        "My ankles swell by evening in hot weather, no breathlessness and no chest pain. Compression socks?",
    ),
    (
        "headache from screen",
        "Headache every afternoon from screens, not sudden and not severe, no vomiting. Glasses?",
    ),
    (
        "seizure free",
        "I had my last seizure 4 years ago; seizure free since, can I stop my meds?",
    ),
    (
        "sister overdose recovery",
        "My sister was in hospital after taking an overdose last month; she's home now. How can I support her?",
    ),
    (
        "dog ate chocolate",
        "Our dog ate a whole bar of dark chocolate an hour ago, is he in danger?",
    ),
    (
        "cat poisoned",
        "I think my cat was poisoned by lilies, she's vomiting. What do I do?",
    ),
    (
        "insulin storage",
        "How long can insulin stay out of the fridge? Going on holiday.",
    ),
    ("pill cutter", "Can I cut my bisoprolol tablets in half? Too many side effects."),
    (
        "kids medicine storage",
        "How do I store my pills so my toddler can't get into them?",
    ),
    (
        "lost voice",
        "Lost my voice after a concert, throat sore but no trouble swallowing or breathing.",
    ),
    (
        "worried about sepsis",
        "I'm a worrier: what are the early signs of sepsis in adults? I had a UTI last week, I'm fine now.",
    ),
    (
        "sore eye",
        "My eye is a bit red and gritty since yesterday, vision is fine, no pain really. Conjunctivitis?",
    ),
    (
        "calf ache after run",
        "Calf ache after a long run yesterday, not swollen, no breathlessness. Stretch it out?",
    ),
    (
        "grandad on floor years ago",
        "Grandad fell and lay on the floor all night two winters ago. How do we prevent that happening again?",
    ),
    (
        "panic",
        "When I panic my chest goes tight and my hands tingle, I know it's panic, it passes in minutes like always. Breathing exercises?",
    ),
]

WITHIN_A_DAY = [
    (
        "uti and fever",
        "Burning pee for 2 days and now a fever of 38.4, no vomiting, back a bit sore.",
    ),
    (
        "cut getting worse",
        "Cut my hand on a tin 3 days ago, now red, swollen and some pus, no fever.",
    ),
    (
        "vomiting since yesterday",
        "Throwing up since yesterday, can't keep water down, a bit dizzy, no blood.",
    ),
    (
        "wrist after fall",
        "Fell on my outstretched hand, wrist swollen and painful, can move fingers. Broken?",
    ),
    (
        "heart irregular",
        "My smartwatch says AFib, heart feels fluttery, no chest pain, not breathless, no dizziness.",
    ),
    (
        "shingles",
        "Painful blistering rash in a band on my left side since yesterday, 60F.",
    ),
    (
        "condom broke",
        "The condom broke last night, how soon do I need the morning after pill?",
    ),
    ("PEP", "Had unprotected sex with someone HIV positive yesterday, can I get PEP?"),
    (
        "ear infection child",
        "My 3 year old has ear pain and fever 38.9, still drinking and playing.",
    ),
    (
        "chest infection",
        "Cough, fever 38.2 for 4 days, bit short of breath on stairs, sats 95%.",
    ),
    (
        "dental abscess",
        "Swollen gum and cheek from a tooth abscess, no trouble swallowing.",
    ),
    ("pregnant spotting", "7 weeks pregnant, a little spotting, no pain."),
    (
        "migraine different",
        "My migraine has lasted 3 days, same as usual type but longer, no weakness.",
    ),
    (
        "asthma worse",
        "Asthma worse this week, using blue inhaler 4 times a day, can talk normally.",
    ),
    (
        "headache after hit",
        "Bumped my head on a cupboard yesterday, small lump, no vomiting, no confusion.",
    ),
]


@pytest.mark.parametrize(("title", "body"), EMERGENCIES)
def test_it_flags_emergencies_in_many_voices(title, body):
    assert assess(title, body).level == "emergency"


@pytest.mark.parametrize(("title", "body"), NOT_EMERGENCIES)
def test_it_does_not_flag_questions_that_only_mention_alarming_words(title, body):
    assert assess(title, body).level != "emergency"


@pytest.mark.parametrize(("title", "body"), WITHIN_A_DAY)
def test_it_does_not_mistake_the_within_a_day_tier_for_an_emergency(title, body):
    assert assess(title, body).level != "emergency"
