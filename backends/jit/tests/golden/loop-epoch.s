function sum:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000149h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov qword ptr [rbp-30h],0
  003b  mov r15,[r14+8]
  0042  mov r15,[r15]
  0049  mov r11,[r14]
  0050  mov rax,[r11+38h]
  0057  mov rax,[rax]
  005a  cmp rax,[r11+40h]
  0061  jae 00000000000000F1h
  0067  mov r11,[r14]
  006e  mov rax,[r11+38h]
  0075  mov rax,[rax]
  0078  cmp rax,[r11+40h]
  007f  jae 000000000000011Ch
  0085  mov ecx,[rbp-20h]
  008c  mov rax,rcx
  008f  test eax,eax
  0092  je 00000000000000CDh
  0098  mov rax,rcx
  009b  mov eax,[r15+rax]    ; trap: Code(MemoryOutOfBounds)
  00a3  mov esi,[rbp-30h]
  00aa  mov rdx,rsi
  00ad  add edx,eax
  00b0  mov [rbp-30h],rdx
  00b7  mov rax,rcx
  00ba  sub eax,1
  00c1  mov [rbp-20h],rax
  00c8  jmp 0000000000000067h
  00cd  mov ecx,[rbp-30h]
  00d4  mov rax,rcx
  00d7  lea rsp,[rbp-10h]
  00de  pop r15
  00e0  pop r14
  00e2  pop rbp
  00e3  ret
  00e4  mov rax,[rsp]
  00ec  jmp 00000000000000D7h
  00f1  mov rdi,r14
  00f4  mov r11,<EpochReached>
  00fe  call r11
  0101  test al,al
  0103  je 000000000000014Bh
  0109  mov r15,[r14+8]
  0110  mov r15,[r15]
  0117  jmp 0000000000000067h
  011c  mov rdi,r14
  011f  mov r11,<EpochReached>
  0129  call r11
  012c  test al,al
  012e  je 000000000000014Bh
  0134  mov r15,[r14+8]
  013b  mov r15,[r15]
  0142  jmp 0000000000000085h
  0147  ud2    ; trap: Code(MemoryOutOfBounds)
  0149  ud2    ; trap: Code(StackOverflow)
  014b  ud2    ; trap: Propagate
  014d  mov r11,rdx
  0150  mov edx,[r11]
  0158  jmp 0

